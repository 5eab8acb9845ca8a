import Decimal from "decimal.js";
import { AppError } from "../../errors";

/** Decimal with half-up rounding, as shops and ledgers round money. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A shop order line as errors name it: its number (from 1) and SKU. */
export type LineRef = { line: number; sku: string };

/**
 * Where an amount sits in a shop order, for the error that names it: a line's amount names the line
 * and its SKU, a tax or gift certificate its name (errors.ORDER_INVALID.notANumber words each).
 */
export type AmountOf = { orderId: string } & (
  | { field: "orderDiscount" | "shippingCost" | "paymentSurcharge" | "total" }
  | ({ field: "quantity" | "price" | "discount" | "tax" } & LineRef)
  | { field: "vatRate" | "giftCertificate"; name: string }
);

const ENGLISH_FIELD: Record<AmountOf["field"], string> = {
  orderDiscount: "order discount",
  shippingCost: "shipping cost",
  paymentSurcharge: "payment surcharge",
  total: "order total",
  quantity: "quantity",
  price: "price",
  discount: "discount",
  tax: "tax",
  vatRate: "rate of the tax",
  giftCertificate: "amount of gift certificate",
};

function describeAmount(of: AmountOf): string {
  if ("line" in of) return `the ${ENGLISH_FIELD[of.field]} of line ${of.line} (${of.sku})`;
  if ("name" in of) return `the ${ENGLISH_FIELD[of.field]} "${of.name}"`;
  return `the ${ENGLISH_FIELD[of.field]}`;
}

/** Reads an amount that the shop sent as text or number. Empty optional amounts count as zero. */
export function parseAmount(value: string | number | null | undefined, of: AmountOf, options: { optional?: boolean } = {}): Money {
  const textValue = value === null || value === undefined ? "" : String(value).trim();
  if (textValue === "" && options.optional) return new Money(0);
  if (!NUMERIC.test(textValue)) {
    throw new AppError("ORDER_INVALID", `Order ${of.orderId}: ${describeAmount(of)} is not a number: "${textValue}".`, {
      details: { field: of.field, value: textValue },
      params: { variant: "notANumber", ...of, value: textValue },
    });
  }
  return new Money(textValue);
}

export function roundCents(value: Money): Money {
  return value.toDecimalPlaces(2, Money.ROUND_HALF_UP);
}

/** A JSON number with at most two decimals. */
export function toCentsNumber(value: Money): number {
  return roundCents(value).toNumber();
}

/**
 * Splits `total` (in cents) over `weights` in proportion, so the parts add up to exactly `total`:
 * every part is rounded down to the cent, and the cents left over go to the parts with the largest
 * remainders (ties to the earlier part).
 */
export function spreadProportionally(total: Money, weights: readonly Money[]): Money[] {
  const weightSum = weights.reduce((sum, weight) => sum.plus(weight), new Money(0));
  if (weights.length === 0) return [];
  if (weightSum.isZero()) return weights.map((_, index) => (index === 0 ? roundCents(total) : new Money(0)));
  const totalCents = roundCents(total).times(100);
  const exact = weights.map((weight) => totalCents.times(weight).dividedBy(weightSum));
  const floors = exact.map((part) => part.floor());
  let leftover = totalCents.minus(floors.reduce((sum, part) => sum.plus(part), new Money(0))).toNumber();
  const byRemainder = exact
    .map((part, index) => ({ index, remainder: part.minus(floors[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const cents = [...floors];
  for (const { index } of byRemainder) {
    if (leftover <= 0) break;
    cents[index] = cents[index]!.plus(1);
    leftover -= 1;
  }
  return cents.map((part) => part.dividedBy(100));
}
