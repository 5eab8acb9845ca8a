import { AppError } from "../../errors";
import type { CsCartOrder, CsCartOrderLine, CsCartTax } from "../../integrations/cscart/schemas";
import { type LineRef, Money, parseAmount, roundCents } from "./money";

/**
 * Every VAT rule about shop amounts happens in this file, so it can change in one place if
 * Visma.net turns out to read V3 line prices as gross (docs/api-facts.md, "VAT": unconfirmed).
 *
 * The rate of each taxed part of an order comes from the order's own tax data: `taxes[id].rate_value`
 * of the taxes whose `applies` map names the part (`P_<item_id>` a line, `S_...` the shipping,
 * `PS_<payment_id>` the payment surcharge). Whether the shop's amounts include it is the taxes'
 * `price_includes_tax`.
 */

function isIncluded(tax: CsCartTax): boolean {
  return tax.price_includes_tax.toUpperCase() === "Y";
}

function ratePercentOf(tax: CsCartTax, orderId: string): Money {
  if (tax.rate_type !== "" && tax.rate_type.toUpperCase() !== "P") {
    throw new AppError(
      "ORDER_INVALID",
      `Order ${orderId} has a fixed-amount tax ("${tax.description}"); Visma.net computes VAT as a percentage, so it cannot be sent.`,
      {
        params: { variant: "fixedVat", orderId, tax: tax.description },
      },
    );
  }
  return parseAmount(tax.rate_value, { orderId, field: "vatRate", name: tax.description });
}

function hasAppliesData(taxes: CsCartTax[]): boolean {
  return taxes.some((tax) => tax.applies && Object.keys(tax.applies).length > 0);
}

function sumRates(taxes: CsCartTax[], orderId: string): Money {
  return taxes.reduce((sum, tax) => sum.plus(ratePercentOf(tax, orderId)), new Money(0));
}

/**
 * Whether the order's amounts include its VAT: the taxes say so; an order without taxes follows the
 * tenant's setting (then there is nothing to convert anyway). An order mixing both is refused.
 */
export function amountsIncludeVat(order: CsCartOrder, setting: boolean): boolean {
  const taxes = Object.values(order.taxes);
  if (!taxes.length) return setting;
  const included = taxes.filter(isIncluded).length;
  if (included === taxes.length) return true;
  if (included === 0) return false;
  throw new AppError(
    "ORDER_INVALID",
    `Order ${order.order_id} has taxes included in its prices and taxes added on top; Visma.net takes one or the other, so it cannot be sent.`,
    {
      params: { variant: "mixedVatInclusion", orderId: order.order_id },
    },
  );
}

/** The VAT rate (percent) of a line, 0 when no tax applies. */
export function vatRateForLine(order: CsCartOrder, line: CsCartOrderLine, ref: LineRef): Money {
  const taxes = Object.values(order.taxes);
  if (taxes.length === 0) return new Money(0);
  if (hasAppliesData(taxes)) {
    const key = `P_${line.item_id ?? ""}`;
    return sumRates(
      taxes.filter((tax) => tax.applies?.[key] !== undefined),
      order.order_id,
    );
  }
  if (taxes.length === 1) return ratePercentOf(taxes[0]!, order.order_id);
  return rateMatchingLineTax(order, line, taxes, ref);
}

/** Without `applies`, picks the rate whose VAT on the line matches the line's own tax_value. */
function rateMatchingLineTax(order: CsCartOrder, line: CsCartOrderLine, taxes: CsCartTax[], ref: LineRef): Money {
  const of = { orderId: order.order_id, ...ref };
  const lineTax = parseAmount(line.tax_value, { ...of, field: "tax" }, { optional: true });
  if (lineTax.isZero()) return new Money(0);
  const amount = parseAmount(line.price, { ...of, field: "price" }).times(parseAmount(line.amount, { ...of, field: "quantity" }));
  for (const tax of taxes) {
    const rate = ratePercentOf(tax, order.order_id);
    const expectedTax = isIncluded(tax) ? amount.times(rate).dividedBy(rate.plus(100)) : amount.times(rate).dividedBy(100);
    if (expectedTax.minus(lineTax).abs().lessThanOrEqualTo(0.05)) return rate;
  }
  throw new AppError("ORDER_INVALID", `Order ${order.order_id}: cannot tell which VAT rate applies to line ${ref.line} (${ref.sku}).`, {
    params: { variant: "lineVatUnknown", ...of },
  });
}

/** The VAT rate (percent) of the part the `applies` keys starting with `prefix` name (S_ shipping, PS_ payment surcharge). */
function vatRateForCharge(order: CsCartOrder, prefix: "S_" | "PS_", what: string): Money {
  const taxes = Object.values(order.taxes);
  if (taxes.length === 0) return new Money(0);
  if (hasAppliesData(taxes))
    return sumRates(
      taxes.filter((tax) => Object.keys(tax.applies ?? {}).some((key) => key.startsWith(prefix))),
      order.order_id,
    );
  if (taxes.length === 1) return ratePercentOf(taxes[0]!, order.order_id);
  throw new AppError("ORDER_INVALID", `Order ${order.order_id}: cannot tell which VAT rate applies to the ${what}.`, {
    params: { variant: prefix === "S_" ? "shippingVatUnknown" : "surchargeVatUnknown", orderId: order.order_id },
  });
}

export function vatRateForShipping(order: CsCartOrder): Money {
  return vatRateForCharge(order, "S_", "shipping cost");
}

export function vatRateForSurcharge(order: CsCartOrder): Money {
  return vatRateForCharge(order, "PS_", "payment surcharge");
}

/** Net amount of a gross amount with `ratePercent` VAT included, unrounded. */
export function netOfGross(gross: Money, ratePercent: Money): Money {
  return gross.times(100).dividedBy(ratePercent.plus(100));
}

/** VAT on a net amount, to the cent (how Visma.net taxes a document: see order-totals.ts). */
export function vatOn(net: Money, ratePercent: Money): Money {
  return roundCents(net.times(ratePercent).dividedBy(100));
}

/**
 * The net amount of a VAT-rate group whose gross the shop charged: the amount that, with Visma.net's
 * VAT added (rounded to the cent), gives the gross back. Rounding cannot always hit it (at 25 %,
 * one gross value in five lies between two nets); then the nearest net, and the cent left is the
 * caller's to account for.
 */
export function netForGross(gross: Money, ratePercent: Money): Money {
  const nearest = roundCents(netOfGross(gross, ratePercent));
  for (const candidate of [nearest, nearest.minus(0.01), nearest.plus(0.01)]) {
    if (candidate.plus(vatOn(candidate, ratePercent)).equals(gross)) return candidate;
  }
  return nearest;
}

export interface LinePricing {
  /** Net unit price before discounts, 2 decimals. */
  unitPrice: Money;
  /** Net discount for the whole line, 2 decimals. */
  discountAmount: Money;
}

/**
 * Prices one line so that `unitPrice × quantity − discountAmount` is exactly `lineNet`. The unit
 * price is the shop's unit price before discounts, net of VAT and rounded; the cent left by rounding
 * goes into the discount, and the unit price is rounded up a cent where needed so the discount is
 * never negative.
 * @param unit unit price before discounts, in the shop's terms (gross when `ratePercent` is included)
 * @param lineNet the line's net amount after all discounts, to the cent
 */
export function priceLine(unit: Money, quantity: Money, lineNet: Money, includedRatePercent: Money): LinePricing {
  let unitPrice = roundCents(netOfGross(unit, includedRatePercent));
  let discountAmount = unitPrice.times(quantity).minus(lineNet);
  if (discountAmount.isNegative()) {
    unitPrice = roundCents(lineNet.dividedBy(quantity)).plus(0.01);
    discountAmount = unitPrice.times(quantity).minus(lineNet);
  }
  return { unitPrice, discountAmount: roundCents(discountAmount) };
}
