import { z } from "zod";
import { AppError } from "../../errors";
import type { CsCartOrder } from "../../integrations/cscart/schemas";
import type { NewSalesOrderCommand, SalesOrderAddress, SalesOrderContact } from "../../integrations/visma/schemas";
import type { CutField, LogLine } from "../../logs/log-line";
import { OrderMappingSchema, type OrderMapping, type TextField } from "./order-mapping";
import { priceOrder } from "./order-totals";
import { countryIdOf, FieldWarnings, fitAddressLines, VISMA_LIMITS } from "./visma-limits";

export const SalesOrderMappingContextSchema = z.object({
  pricesIncludeVat: z.boolean(),
  customerNumber: z.string().min(1),
  /** The branch ("administration") the order belongs to; see branchIdFor in customers.ts. */
  branchId: z.string().min(1).optional(),
  /** The tenant's order mapping (order type, Ship vias, payment methods, warehouse, texts, currency). */
  mapping: OrderMappingSchema.default(OrderMappingSchema.parse({})),
});
export type SalesOrderMappingContext = z.input<typeof SalesOrderMappingContextSchema>;

/** The value stored in `customer.order`; the exactly-once protocol looks orders up by it. */
export function customerOrderReference(orderId: string): string {
  const reference = `CSCART-${orderId}`;
  if (reference.length > VISMA_LIMITS.customerOrder) {
    throw new AppError(
      "ORDER_INVALID",
      `Order id "${orderId}" is too long for Visma.net's customer order reference (${VISMA_LIMITS.customerOrder} characters).`,
      {
        params: { variant: "idTooLong", orderId, maximum: VISMA_LIMITS.customerOrder },
      },
    );
  }
  return reference;
}

/** The sales order to post, and what had to be shortened to fit Visma.net (for the run log). */
export interface MappedSalesOrder {
  command: NewSalesOrderCommand;
  warnings: LogLine[];
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
  const ids = fromGroups.length
    ? fromGroups
    : order.shipping_ids
        .split(",")
        .map((id) => id.trim())
        .filter((id) => id && id !== "0");
  return [...new Set(ids)];
}

/** The Ship via the tenant mapped the order's shipping method to, if any. */
function shipViaFor(order: CsCartOrder, map: Record<string, string>, warnings: FieldWarnings): string | undefined {
  const mapped = shippingMethodIdsOf(order)
    .map((id) => map[id])
    .filter((shipVia): shipVia is string => Boolean(shipVia));
  const distinct = [...new Set(mapped)];
  if (distinct.length > 1) warnings.add("shipViaConflict", { shipVias: distinct, used: distinct[0]! });
  return distinct[0];
}

/** The shop value a text field of the sales order takes, with its prefix; "" when the shop has none. */
export function shopTextFor(order: CsCartOrder, field: TextField): string {
  const values: Record<TextField["source"], string> = {
    none: "",
    order_number: order.order_id,
    customer_notes: order.notes,
    staff_notes: order.details,
    payment_method: order.payment_method?.payment ?? "",
    shipping_method: order.shipping
      .map((method) => method.shipping)
      .filter(Boolean)
      .join(", "),
  };
  const value = values[field.source].trim();
  return value ? `${field.prefix}${value}`.trim() : "";
}

/** The sales order's texts, each within its Visma.net limit (cuts are warnings). */
function textsOf(order: CsCartOrder, mapping: OrderMapping, warnings: FieldWarnings) {
  const text = (field: TextField, max: number, name: CutField) => warnings.cut(shopTextFor(order, field), max, name);
  return {
    description: text(mapping.texts.description, VISMA_LIMITS.description, "description"),
    refNo: text(mapping.texts.refNo, VISMA_LIMITS.customerRefNo, "refNo"),
    note: text(mapping.texts.note, VISMA_LIMITS.note, "note"),
  };
}

/** Terms and payment method for the order's payment method, as the tenant mapped them. */
function paymentFieldsFor(order: CsCartOrder, mapping: OrderMapping): Pick<NewSalesOrderCommand, "paymentSettings"> & { termsId?: string } {
  const mapped = mapping.paymentMethods[order.payment_id];
  if (!mapped) return {};
  const paymentSettings = mapped.paymentMethodId
    ? { paymentMethodId: mapped.paymentMethodId, ...(mapped.cashAccountId ? { cashAccountId: mapped.cashAccountId } : {}) }
    : undefined;
  return { ...(mapped.termsId ? { termsId: mapped.termsId } : {}), ...(paymentSettings ? { paymentSettings } : {}) };
}

/**
 * The order's currency when it is not the company's base currency. CS-Cart keeps an order's
 * amounts in the shop's primary currency (`secondary_currency` is only what the customer saw),
 * so that is the order's currency; without it Visma.net uses the customer's currency, else the
 * company's base currency (V3 `currencyId`).
 */
export function currencyIdFor(mapping: OrderMapping): string | undefined {
  const { shopCurrency, companyBaseCurrency, vismaCurrencyByShopCurrency } = mapping.currency;
  if (!shopCurrency || shopCurrency === companyBaseCurrency) return undefined;
  return vismaCurrencyByShopCurrency[shopCurrency] ?? shopCurrency;
}

/**
 * CS-Cart order detail → SalesOrder V3 NewSalesOrderCommand, within Visma.net's field limits, with
 * a total equal to the shop's (order-totals.ts). Throws ORDER_INVALID naming the problem; what had
 * to be shortened comes back as warnings.
 */
export function mapShopOrderToSalesOrder(order: CsCartOrder, context: SalesOrderMappingContext): MappedSalesOrder {
  const ctx = SalesOrderMappingContextSchema.parse(context);
  const { mapping } = ctx;
  const warnings = new FieldWarnings({ subject: "order", orderId: order.order_id });
  const { orderLines, freightCost, freightTaxCategoryId } = priceOrder(order, mapping, { pricesIncludeVat: ctx.pricesIncludeVat, warnings });
  const { billing, shipping } = addressesOf(order, warnings);
  const shipViaId = shipViaFor(order, mapping.shipViaByShippingId, warnings);
  const { description, refNo, note } = textsOf(order, mapping, warnings);
  const { termsId, paymentSettings } = paymentFieldsFor(order, mapping);
  const currencyId = currencyIdFor(mapping);
  const command: NewSalesOrderCommand = {
    type: mapping.orderType,
    customer: { id: ctx.customerNumber, order: customerOrderReference(order.order_id), ...(refNo ? { refNo } : {}), ...(termsId ? { termsId } : {}) },
    date: new Date(order.timestamp * 1000).toISOString(),
    ...(description ? { description } : {}),
    ...(note ? { note } : {}),
    ...(currencyId ? { currencyId } : {}),
    ...(ctx.branchId ? { branchId: ctx.branchId } : {}),
    ...(paymentSettings ? { paymentSettings } : {}),
    billing,
    shipping: { ...shipping, ...(shipViaId ? { shipViaId } : {}) },
    ...(freightCost.greaterThan(0)
      ? { freight: { cost: freightCost.toNumber(), ...(freightTaxCategoryId ? { taxCategoryId: freightTaxCategoryId } : {}) } }
      : {}),
    orderLines,
  };
  return { command, warnings: warnings.lines };
}
