import { z } from "zod";
import { AppError } from "../../errors";
import type { CsCartOrder, CsCartOrderLine } from "../../integrations/cscart/schemas";
import type { NewSalesOrderCommand, NewSalesOrderLine, SalesOrderAddress, SalesOrderContact } from "../../integrations/visma/schemas";
import { Money, parseAmount, roundCents, spreadProportionally } from "./money";
import { includedVatRateForLine, priceLineNet, shippingCostNet } from "./vat";
import type { LogLine } from "../../logs/log-line";
import { countryIdOf, FieldWarnings, fitAddressLines, VISMA_LIMITS } from "./visma-limits";

export const SalesOrderMappingContextSchema = z.object({
  pricesIncludeVat: z.boolean(),
  customerNumber: z.string().min(1),
  orderType: z.string().min(1).default("SO"),
  warehouseId: z.string().min(1).optional(),
  currencyId: z.string().min(1).optional(),
  /** The branch ("administration") the order belongs to; see branchIdFor in customers.ts. */
  branchId: z.string().min(1).optional(),
  /** CS-Cart shipping method id → Visma.net Ship via id (the tenant's order settings). */
  shipViaByShippingId: z.record(z.string(), z.string().trim().min(1).max(VISMA_LIMITS.shipViaId)).default({}),
});
export type SalesOrderMappingContext = z.input<typeof SalesOrderMappingContextSchema>;

/** The value stored in `customer.order`; the exactly-once protocol looks orders up by it. */
export function customerOrderReference(orderId: string): string {
  const reference = `CSCART-${orderId}`;
  if (reference.length > VISMA_LIMITS.customerOrder) {
    throw new AppError("ORDER_INVALID", `Order id "${orderId}" is too long for Visma.net's customer order reference (${VISMA_LIMITS.customerOrder} characters).`, {
      params: { variant: "idTooLong", orderId, maximum: VISMA_LIMITS.customerOrder },
    });
  }
  return reference;
}

/** The sales order to post, and what had to be shortened to fit Visma.net (for the run log). */
export interface MappedSalesOrder {
  command: NewSalesOrderCommand;
  warnings: LogLine[];
}

interface ShopLine {
  line: CsCartOrderLine;
  label: string;
  quantity: Money;
  /** Unit price before the line discount, in the shop's terms. */
  unit: Money;
  /** Line discount total, in the shop's terms. */
  lineDiscount: Money;
}

function readShopLines(order: CsCartOrder): ShopLine[] {
  const lines = Object.values(order.products);
  if (lines.length === 0) throw new AppError("ORDER_INVALID", `Order ${order.order_id} has no order lines.`, { params: { variant: "noLines", orderId: order.order_id } });
  return lines.map((line, index) => {
    const sku = line.product_code.trim();
    const label = sku ? `line ${index + 1} (${sku})` : `line ${index + 1} ("${line.product}")`;
    if (!sku) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id}: ${label} has no SKU (product code), so it cannot be matched to a Visma.net item.`, {
        details: { orderId: order.order_id, line: index + 1, productId: line.product_id },
        params: { variant: "noSku", orderId: order.order_id, line: index + 1, product: line.product },
      });
    }
    const quantity = parseAmount(line.amount, `quantity of ${label} in order ${order.order_id}`);
    if (!quantity.greaterThan(0)) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id}: the quantity of ${label} must be more than zero.`, {
        params: { variant: "badQuantity", orderId: order.order_id, line: index + 1, sku },
      });
    }
    const price = parseAmount(line.price, `price of ${label} in order ${order.order_id}`);
    // CS-Cart's `price` is already reduced by the per-unit `discount`; send the undiscounted price and the discount apart.
    const unitDiscount = parseAmount(line.discount, `discount of ${label} in order ${order.order_id}`, { optional: true });
    return { line, label, quantity, unit: price.plus(unitDiscount), lineDiscount: unitDiscount.times(quantity) };
  });
}

/**
 * The order-level discount (`subtotal_discount`) is spread over the lines in proportion to each
 * line's amount after its own discount, to the cent, so the parts add up to the order discount and
 * the Visma.net order total matches the shop's. Sending it as one negative line instead would need
 * a discount item in Visma.net and would hide which products were discounted.
 */
function spreadOrderDiscount(order: CsCartOrder, lines: ShopLine[]): Money[] {
  const orderDiscount = parseAmount(order.subtotal_discount, `order discount of order ${order.order_id}`, { optional: true });
  const amounts = lines.map((line) => line.unit.times(line.quantity).minus(line.lineDiscount));
  const goods = amounts.reduce((sum, amount) => sum.plus(amount), new Money(0));
  if (orderDiscount.greaterThan(goods)) {
    throw new AppError("ORDER_INVALID", `Order ${order.order_id}: the order discount (${orderDiscount.toFixed(2)}) is larger than the order lines (${goods.toFixed(2)}).`, {
      params: { variant: "discountTooLarge", orderId: order.order_id, discount: orderDiscount.toNumber(), goods: goods.toNumber() },
    });
  }
  return spreadProportionally(orderDiscount, amounts);
}

type AddressPrefix = "b_" | "s_";
const ADDRESS_NAMES = { b_: "billing", s_: "shipping" } as const satisfies Record<AddressPrefix, string>;

/** No street, postcode or city: a pickup or download order, which CS-Cart leaves without a shipping address. */
function hasNoAddress(order: CsCartOrder, prefix: AddressPrefix): boolean {
  return [order[`${prefix}address`], order[`${prefix}address_2`], order[`${prefix}zipcode`], order[`${prefix}city`]].every((value) => value.trim() === "");
}

/** The address in Visma.net's limits, with `countryId` given by the caller (it is required whenever an address is sent). */
function addressFrom(order: CsCartOrder, prefix: AddressPrefix, countryId: string, warnings: FieldWarnings): SalesOrderAddress {
  const name = ADDRESS_NAMES[prefix];
  const [line1, line2, line3] = fitAddressLines([order[`${prefix}address`], order[`${prefix}address_2`]], warnings, `${name}Address`);
  const state = order[`${prefix}state`].trim();
  return {
    line1,
    line2,
    line3,
    postalCode: warnings.cut(order[`${prefix}zipcode`], VISMA_LIMITS.postalCode, `${name}Postcode`),
    city: warnings.cut(order[`${prefix}city`], VISMA_LIMITS.city, `${name}City`),
    countryId,
    stateId: state === "" ? null : warnings.cut(state, VISMA_LIMITS.stateId, `${name}State`),
  };
}

/** The person's name, or the order's main name when the address has none. */
export function personNameFrom(order: CsCartOrder, prefix: AddressPrefix): string {
  const own = `${order[`${prefix}firstname`]} ${order[`${prefix}lastname`]}`.trim();
  return own || `${order.firstname} ${order.lastname}`.trim();
}

function contactFrom(order: CsCartOrder, prefix: AddressPrefix, warnings: FieldWarnings): SalesOrderContact {
  const name = ADDRESS_NAMES[prefix];
  const person = personNameFrom(order, prefix);
  const company = order.company.trim();
  return {
    name: warnings.cut(company || person, VISMA_LIMITS.contactName, `${name}ContactName`),
    attention: warnings.cut(company ? person : "", VISMA_LIMITS.attention, `${name}Attention`),
    email: warnings.cut(order.email, VISMA_LIMITS.email, "email"),
    phone1: warnings.cut(order[`${prefix}phone`] || order.phone, VISMA_LIMITS.phone, `${name}Phone`),
  };
}

/**
 * Billing and shipping as Visma.net takes them: an address only with a country (never an empty
 * one); an order without a shipping address (pickup, downloads) ships to the billing address; a
 * shipping address without a country takes the billing country.
 */
function addressesOf(order: CsCartOrder, warnings: FieldWarnings): Pick<NewSalesOrderCommand, "billing" | "shipping"> {
  const billingCountry = countryIdOf(order.b_country, { orderId: order.order_id, field: "billing" });
  const billingContact = contactFrom(order, "b_", warnings);
  const billingAddress = billingCountry ? addressFrom(order, "b_", billingCountry, warnings) : undefined;
  if (!billingCountry) warnings.add("noBillingCountry", {});
  const billing = { ...(billingAddress ? { address: billingAddress } : {}), contact: billingContact };

  if (hasNoAddress(order, "s_")) return { billing, shipping: { ...billing } };
  let shippingCountry = countryIdOf(order.s_country, { orderId: order.order_id, field: "shipping" });
  if (!shippingCountry && billingCountry) {
    warnings.add("shippingTakesBillingCountry", { country: billingCountry });
    shippingCountry = billingCountry;
  }
  if (!shippingCountry) warnings.add("noShippingCountry", {});
  const shippingAddress = shippingCountry ? addressFrom(order, "s_", shippingCountry, warnings) : undefined;
  return { billing, shipping: { ...(shippingAddress ? { address: shippingAddress } : {}), contact: contactFrom(order, "s_", warnings) } };
}

/** The shop's shipping method ids on this order: from the shipping groups, else the orders row. */
export function shippingMethodIdsOf(order: CsCartOrder): string[] {
  const fromGroups = order.shipping.map((group) => group.shipping_id).filter((id): id is string => Boolean(id && id !== "0"));
  const ids = fromGroups.length ? fromGroups : order.shipping_ids.split(",").map((id) => id.trim()).filter((id) => id && id !== "0");
  return [...new Set(ids)];
}

/** The Ship via the tenant mapped the order's shipping method to, if any. */
function shipViaFor(order: CsCartOrder, map: Record<string, string>, warnings: FieldWarnings): string | undefined {
  const mapped = shippingMethodIdsOf(order).map((id) => map[id]).filter((shipVia): shipVia is string => Boolean(shipVia));
  const distinct = [...new Set(mapped)];
  if (distinct.length > 1) warnings.add("shipViaConflict", { shipVias: distinct, used: distinct[0]! });
  return distinct[0];
}

/**
 * CS-Cart order detail → SalesOrder V3 NewSalesOrderCommand, within Visma.net's field limits.
 * Throws ORDER_INVALID naming the problem; what had to be shortened comes back as warnings.
 */
export function mapShopOrderToSalesOrder(order: CsCartOrder, context: SalesOrderMappingContext): MappedSalesOrder {
  const ctx = SalesOrderMappingContextSchema.parse(context);
  const warnings = new FieldWarnings({ subject: "order", orderId: order.order_id });
  const shopLines = readShopLines(order);
  const orderDiscountShares = spreadOrderDiscount(order, shopLines);

  const orderLines: NewSalesOrderLine[] = shopLines.map((shopLine, index) => {
    const rate = ctx.pricesIncludeVat ? includedVatRateForLine(order, shopLine.line, shopLine.label) : new Money(0);
    const discount = shopLine.lineDiscount.plus(orderDiscountShares[index]!);
    const pricing = priceLineNet(shopLine.unit, shopLine.quantity, discount, rate);
    return {
      inventoryId: shopLine.line.product_code.trim(),
      quantity: shopLine.quantity.toNumber(),
      unitPrice: pricing.unitPrice.toNumber(),
      hasManualPrice: true,
      discountAmount: pricing.discountAmount.toNumber(),
      hasManualDiscount: true,
      description: warnings.cut(shopLine.line.product, VISMA_LIMITS.lineDescription, "lineDescription", { line: index + 1, sku: shopLine.line.product_code.trim() }),
      ...(ctx.warehouseId ? { warehouseId: ctx.warehouseId } : {}),
    };
  });

  const freightCost = shippingCostNet(order, ctx.pricesIncludeVat);
  const { billing, shipping } = addressesOf(order, warnings);
  const shipViaId = shipViaFor(order, ctx.shipViaByShippingId, warnings);
  const note = order.notes.trim() ? warnings.cut(order.notes, VISMA_LIMITS.note, "note") : "";
  const command: NewSalesOrderCommand = {
    type: ctx.orderType,
    customer: { id: ctx.customerNumber, order: customerOrderReference(order.order_id) },
    date: new Date(order.timestamp * 1000).toISOString(),
    description: `Web order CS-Cart #${order.order_id}`,
    ...(note ? { note } : {}),
    ...(ctx.currencyId ? { currencyId: ctx.currencyId } : {}),
    ...(ctx.branchId ? { branchId: ctx.branchId } : {}),
    billing,
    shipping: { ...shipping, ...(shipViaId ? { shipViaId } : {}) },
    ...(freightCost.greaterThan(0) ? { freight: { cost: roundCents(freightCost).toNumber() } } : {}),
    orderLines,
  };
  return { command, warnings: warnings.lines };
}
