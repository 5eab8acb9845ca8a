import { AppError } from "../../errors";
import type { CsCartOrder, CsCartOrderLine, CsCartTax } from "../../integrations/cscart/schemas";
import { Money, parseAmount, roundCents } from "./money";

/**
 * Every VAT conversion of shop prices happens in this file, so it can change in one place if
 * Visma.net turns out to read V3 line prices as gross (docs/api-facts.md, "VAT": unconfirmed).
 *
 * Shop prices that include VAT are turned into net prices with the order's own tax data:
 * `taxes[id].rate_value` of the taxes with `price_includes_tax = "Y"`, applied to the lines and the
 * shipping that the tax's `applies` map names (`P_<item_id>`, `S_...`).
 */

function isIncluded(tax: CsCartTax): boolean {
  return tax.price_includes_tax.toUpperCase() === "Y";
}

function ratePercentOf(tax: CsCartTax, orderId: string): Money {
  if (tax.rate_type !== "" && tax.rate_type.toUpperCase() !== "P") {
    throw new AppError("ORDER_INVALID", `Order ${orderId} has a fixed-amount VAT ("${tax.description}") included in its prices; only percentage VAT can be converted to net prices.`, {
      params: { variant: "fixedVat", orderId, tax: tax.description },
    });
  }
  return parseAmount(tax.rate_value, `VAT rate of "${tax.description}" in order ${orderId}`);
}

function hasAppliesData(taxes: CsCartTax[]): boolean {
  return taxes.some((tax) => tax.applies && Object.keys(tax.applies).length > 0);
}

function sumRates(taxes: CsCartTax[], orderId: string): Money {
  return taxes.reduce((sum, tax) => sum.plus(ratePercentOf(tax, orderId)), new Money(0));
}

/** The VAT rate (percent) included in a line's price, 0 when none applies. */
export function includedVatRateForLine(order: CsCartOrder, line: CsCartOrderLine, lineLabel: string): Money {
  const included = Object.values(order.taxes).filter(isIncluded);
  if (included.length === 0) return new Money(0);
  if (hasAppliesData(included)) {
    const key = `P_${line.item_id ?? ""}`;
    return sumRates(included.filter((tax) => tax.applies?.[key] !== undefined), order.order_id);
  }
  if (included.length === 1) return ratePercentOf(included[0]!, order.order_id);
  return rateMatchingLineTax(order, line, included, lineLabel);
}

/** Without `applies`, picks the included rate whose VAT on the line matches the line's own tax_value. */
function rateMatchingLineTax(order: CsCartOrder, line: CsCartOrderLine, included: CsCartTax[], lineLabel: string): Money {
  const lineTax = parseAmount(line.tax_value, `tax of ${lineLabel}`, { optional: true });
  if (lineTax.isZero()) return new Money(0);
  const gross = parseAmount(line.price, `price of ${lineLabel}`).times(parseAmount(line.amount, `quantity of ${lineLabel}`));
  for (const tax of included) {
    const rate = ratePercentOf(tax, order.order_id);
    const expectedTax = gross.times(rate).dividedBy(rate.plus(100));
    if (expectedTax.minus(lineTax).abs().lessThanOrEqualTo(0.05)) return rate;
  }
  throw new AppError("ORDER_INVALID", `Order ${order.order_id}: cannot tell which VAT rate is included in the price of ${lineLabel}.`);
}

/** The VAT rate (percent) included in the shipping cost, 0 when none applies. */
export function includedVatRateForShipping(order: CsCartOrder): Money {
  const included = Object.values(order.taxes).filter(isIncluded);
  if (included.length === 0) return new Money(0);
  if (hasAppliesData(included)) {
    return sumRates(included.filter((tax) => Object.keys(tax.applies ?? {}).some((key) => key.startsWith("S_"))), order.order_id);
  }
  if (included.length === 1) return ratePercentOf(included[0]!, order.order_id);
  throw new AppError("ORDER_INVALID", `Order ${order.order_id}: cannot tell which VAT rate is included in the shipping cost.`, {
    params: { variant: "shippingVatUnknown", orderId: order.order_id },
  });
}

/** Net amount of a gross amount with `ratePercent` VAT included, unrounded. */
export function netOfGross(gross: Money, ratePercent: Money): Money {
  return gross.times(100).dividedBy(ratePercent.plus(100));
}

export interface LinePricing {
  /** Net unit price before discounts, 2 decimals. */
  unitPrice: Money;
  /** Net discount for the whole line, 2 decimals. */
  discountAmount: Money;
}

/**
 * Prices one line in net terms so that `unitPrice × quantity − discountAmount` is the line's net
 * amount rounded to the cent (at most 0.005 from the exact net). The cent left over by rounding the
 * unit price goes into the discount; the unit price is rounded up a cent where needed so the
 * discount never becomes negative.
 * @param unit unit price before discounts, in the shop's terms (gross when `ratePercent` > 0)
 * @param discount the line's total discount in the shop's terms
 * @param ratePercent VAT included in those amounts (0 when the shop's prices are net)
 */
export function priceLineNet(unit: Money, quantity: Money, discount: Money, ratePercent: Money): LinePricing {
  const lineNet = roundCents(netOfGross(unit.times(quantity).minus(discount), ratePercent));
  let unitPrice = roundCents(netOfGross(unit, ratePercent));
  let discountAmount = unitPrice.times(quantity).minus(lineNet);
  if (discountAmount.isNegative()) {
    unitPrice = unitPrice.plus(0.01);
    discountAmount = unitPrice.times(quantity).minus(lineNet);
  }
  return { unitPrice, discountAmount: roundCents(discountAmount) };
}

/** Shipping cost in net terms, 2 decimals. */
export function shippingCostNet(order: CsCartOrder, pricesIncludeVat: boolean): Money {
  const cost = parseAmount(order.shipping_cost, `shipping cost of order ${order.order_id}`, { optional: true });
  if (!pricesIncludeVat || cost.isZero()) return roundCents(cost);
  return roundCents(netOfGross(cost, includedVatRateForShipping(order)));
}
