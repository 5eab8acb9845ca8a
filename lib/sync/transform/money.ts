import Decimal from "decimal.js";
import { AppError, type ErrorCode } from "../../errors";

/** Decimal with half-up rounding, as shops and ledgers round money. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Reads an amount that a remote sent as text or number. `what` names the field in the error,
 * e.g. "price of line TSHIRT-BLK-M". Empty optional amounts count as zero.
 */
export function parseAmount(
  value: string | number | null | undefined,
  what: string,
  options: { code?: ErrorCode; optional?: boolean } = {},
): Money {
  const textValue = value === null || value === undefined ? "" : String(value).trim();
  if (textValue === "" && options.optional) return new Money(0);
  if (!NUMERIC.test(textValue)) {
    throw new AppError(options.code ?? "ORDER_INVALID", `The ${what} is not a number: "${textValue}".`, { details: { field: what, value: textValue } });
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
  const byRemainder = exact.map((part, index) => ({ index, remainder: part.minus(floors[index]!) })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const cents = [...floors];
  for (const { index } of byRemainder) {
    if (leftover <= 0) break;
    cents[index] = cents[index]!.plus(1);
    leftover -= 1;
  }
  return cents.map((part) => part.dividedBy(100));
}
