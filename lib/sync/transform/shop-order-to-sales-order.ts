import { z } from "zod";
import { AppError } from "../../errors";
import type { CsCartOrder, CsCartOrderLine } from "../../integrations/cscart/schemas";
import type { NewSalesOrderCommand, NewSalesOrderLine, SalesOrderAddress, SalesOrderContact } from "../../integrations/visma/schemas";
import { Money, parseAmount, roundCents, spreadProportionally } from "./money";
import { includedVatRateForLine, priceLineNet, shippingCostNet } from "./vat";

export const SalesOrderMappingContextSchema = z.object({
  pricesIncludeVat: z.boolean(),
  customerNumber: z.string().min(1),
  orderType: z.string().min(1).default("SO"),
  warehouseId: z.string().min(1).optional(),
  currencyId: z.string().min(1).optional(),
  /** The branch ("administration") the order belongs to; see branchIdFor in customers.ts. */
  branchId: z.string().min(1).optional(),
});
export type SalesOrderMappingContext = z.input<typeof SalesOrderMappingContextSchema>;

/** The value stored in `customer.order`; the exactly-once protocol looks orders up by it. */
export function customerOrderReference(orderId: string): string {
  return `CSCART-${orderId}`;
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

function addressFrom(order: CsCartOrder, prefix: "b_" | "s_"): SalesOrderAddress {
  const state = order[`${prefix}state`];
  return {
    line1: order[`${prefix}address`],
    line2: order[`${prefix}address_2`],
    line3: "",
    postalCode: order[`${prefix}zipcode`],
    city: order[`${prefix}city`],
    countryId: order[`${prefix}country`],
    stateId: state === "" ? null : state,
  };
}

/** The person's name, or the order's main name when the address has none. */
export function personNameFrom(order: CsCartOrder, prefix: "b_" | "s_"): string {
  const own = `${order[`${prefix}firstname`]} ${order[`${prefix}lastname`]}`.trim();
  return own || `${order.firstname} ${order.lastname}`.trim();
}

function contactFrom(order: CsCartOrder, prefix: "b_" | "s_"): SalesOrderContact {
  const person = personNameFrom(order, prefix);
  const company = order.company.trim();
  return {
    name: company || person,
    attention: company ? person : "",
    email: order.email,
    phone1: order[`${prefix}phone`] || order.phone,
  };
}

/** CS-Cart order detail → SalesOrder V3 NewSalesOrderCommand. Throws ORDER_INVALID naming the problem. */
export function mapShopOrderToSalesOrder(order: CsCartOrder, context: SalesOrderMappingContext): NewSalesOrderCommand {
  const ctx = SalesOrderMappingContextSchema.parse(context);
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
      description: shopLine.line.product,
      ...(ctx.warehouseId ? { warehouseId: ctx.warehouseId } : {}),
    };
  });

  const freightCost = shippingCostNet(order, ctx.pricesIncludeVat);
  return {
    type: ctx.orderType,
    customer: { id: ctx.customerNumber, order: customerOrderReference(order.order_id) },
    date: new Date(order.timestamp * 1000).toISOString(),
    description: `Web order CS-Cart #${order.order_id}`,
    ...(order.notes.trim() ? { note: order.notes.trim() } : {}),
    ...(ctx.currencyId ? { currencyId: ctx.currencyId } : {}),
    ...(ctx.branchId ? { branchId: ctx.branchId } : {}),
    billing: { address: addressFrom(order, "b_"), contact: contactFrom(order, "b_") },
    shipping: { address: addressFrom(order, "s_"), contact: contactFrom(order, "s_") },
    ...(freightCost.greaterThan(0) ? { freight: { cost: roundCents(freightCost).toNumber() } } : {}),
    orderLines,
  };
}
