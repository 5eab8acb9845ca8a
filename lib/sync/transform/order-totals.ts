/**
 * Totals that match: the Visma.net sales order must come to exactly the shop order's total, for
 * every kind of order (docs/api-facts.md, "Order totals"). How Visma.net totals a sales order is
 * modelled here (`vismaOrderTotal`) and by the simulator: the lines' amounts (quantity × unit price
 * − discount) and the freight, grouped by VAT rate; per rate the VAT on the group's sum, rounded to
 * the cent; the total is the amounts plus the VAT. (Document-level VAT rounding is how the ERP
 * Visma.net builds on computes a document's taxes by default; inferred, unconfirmed in writing.)
 *
 * The shop's amounts are grouped the same way (lines after their own and the order's discounts,
 * shipping, payment surcharge), each group's net chosen so that Visma.net's VAT gives the shop's
 * gross back, and spread over the group's parts to the cent. What has no Visma.net field goes on a
 * line of an item the tenant maps: the payment surcharge (a service item) and redeemed gift
 * certificates (a misc. charge item, quantity −1: Visma.net allows a negative quantity only for
 * those, 1809-InvalidQuantityForType). A cent VAT rounding cannot reach goes on the rounding item's
 * line. Whatever is left — a total made of something APIcenter does not know — fails the order with
 * both totals named, never a silent difference.
 */
import { AppError } from "../../errors";
import type { CsCartOrder, CsCartOrderLine } from "../../integrations/cscart/schemas";
import type { NewSalesOrderLine } from "../../integrations/visma/schemas";
import { type LineRef, Money, parseAmount, roundCents, spreadProportionally } from "./money";
import type { OrderMapping } from "./order-mapping";
import { amountsIncludeVat, netForGross, priceLine, vatOn, vatRateForLine, vatRateForShipping, vatRateForSurcharge } from "./vat";
import { FieldWarnings, VISMA_LIMITS } from "./visma-limits";

interface ShopLine {
  line: CsCartOrderLine;
  ref: LineRef;
  quantity: Money;
  /** Unit price before the line discount, in the shop's terms. */
  unit: Money;
  /** Line discount total, in the shop's terms. */
  lineDiscount: Money;
}

function readShopLines(order: CsCartOrder): ShopLine[] {
  const lines = Object.values(order.products);
  if (lines.length === 0)
    throw new AppError("ORDER_INVALID", `Order ${order.order_id} has no order lines.`, { params: { variant: "noLines", orderId: order.order_id } });
  return lines.map((line, index) => {
    const sku = line.product_code.trim();
    const label = sku ? `line ${index + 1} (${sku})` : `line ${index + 1} ("${line.product}")`;
    if (!sku) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id}: ${label} has no SKU (product code), so it cannot be matched to a Visma.net item.`, {
        details: { orderId: order.order_id, line: index + 1, productId: line.product_id },
        params: { variant: "noSku", orderId: order.order_id, line: index + 1, product: line.product },
      });
    }
    const ref = { line: index + 1, sku };
    const quantity = parseAmount(line.amount, { orderId: order.order_id, field: "quantity", ...ref });
    if (!quantity.greaterThan(0)) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id}: the quantity of ${label} must be more than zero.`, {
        params: { variant: "badQuantity", orderId: order.order_id, line: index + 1, sku },
      });
    }
    const price = parseAmount(line.price, { orderId: order.order_id, field: "price", ...ref });
    // CS-Cart's `price` is already reduced by the per-unit `discount`; send the undiscounted price and the discount apart.
    const unitDiscount = parseAmount(line.discount, { orderId: order.order_id, field: "discount", ...ref }, { optional: true });
    return { line, ref, quantity, unit: price.plus(unitDiscount), lineDiscount: unitDiscount.times(quantity) };
  });
}

/**
 * The order-level discount (`subtotal_discount`, e.g. a coupon) is spread over the lines in
 * proportion to each line's amount after its own discount, to the cent, so the parts add up to the
 * order discount and show which products were discounted.
 */
function spreadOrderDiscount(order: CsCartOrder, lines: ShopLine[]): Money[] {
  const orderDiscount = parseAmount(order.subtotal_discount, { orderId: order.order_id, field: "orderDiscount" }, { optional: true });
  const amounts = lines.map((line) => line.unit.times(line.quantity).minus(line.lineDiscount));
  const goods = amounts.reduce((sum, amount) => sum.plus(amount), new Money(0));
  if (orderDiscount.greaterThan(goods)) {
    throw new AppError(
      "ORDER_INVALID",
      `Order ${order.order_id}: the order discount (${orderDiscount.toFixed(2)}) is larger than the order lines (${goods.toFixed(2)}).`,
      {
        params: { variant: "discountTooLarge", orderId: order.order_id, discount: orderDiscount.toNumber(), goods: goods.toNumber() },
      },
    );
  }
  return spreadProportionally(orderDiscount, amounts);
}

/** One taxed part of the order: a line, the shipping or the payment surcharge, in the shop's terms after discounts. */
interface Part {
  amount: Money;
  rate: Money;
}

/** The shop order's gift certificates redeemed on it (use_gift_certificates[*].cost), 0 when none. */
function giftCertificatesOf(order: CsCartOrder): Money {
  return Object.entries(order.use_gift_certificates ?? {}).reduce(
    (sum, [code, certificate]) =>
      sum.plus(parseAmount(certificate.cost, { orderId: order.order_id, field: "giftCertificate", name: code }, { optional: true })),
    new Money(0),
  );
}

/** Nets per part: the shop's own when its amounts exclude VAT, else per VAT-rate group as the module comment says. */
function netsOf(parts: Part[], included: boolean): { nets: Money[]; shopGross: Money; vismaGross: Money; groups: number } {
  const byRate = new Map<string, number[]>();
  parts.forEach((part, index) => byRate.set(part.rate.toString(), [...(byRate.get(part.rate.toString()) ?? []), index]));
  const nets = parts.map((part) => roundCents(part.amount));
  let shopGross = new Money(0);
  let vismaGross = new Money(0);
  for (const indexes of byRate.values()) {
    const rate = parts[indexes[0]!]!.rate;
    const amounts = indexes.map((index) => parts[index]!.amount);
    const sum = roundCents(amounts.reduce((total, amount) => total.plus(amount), new Money(0)));
    if (included) {
      const net = netForGross(sum, rate);
      spreadProportionally(net, amounts).forEach((share, position) => (nets[indexes[position]!] = share));
      shopGross = shopGross.plus(sum);
      vismaGross = vismaGross.plus(net).plus(vatOn(net, rate));
    } else {
      // The shop added VAT on top, line by line; its total carries that VAT (tax_subtotal).
      vismaGross = vismaGross.plus(sum).plus(vatOn(sum, rate));
    }
  }
  return { nets, shopGross, vismaGross, groups: byRate.size };
}

export interface PricedOrder {
  orderLines: NewSalesOrderLine[];
  /** Net freight cost, 2 decimals (0: none). */
  freightCost: Money;
  /** Sent as freight.taxCategoryId when the shipping's VAT rate is mapped to a tax category. */
  freightTaxCategoryId?: string;
}

/**
 * The sales order's lines and freight for the shop order, adding up to the shop's total by the model
 * above; throws ORDER_INVALID naming what does not add up.
 */
export function priceOrder(order: CsCartOrder, mapping: OrderMapping, options: { pricesIncludeVat: boolean; warnings: FieldWarnings }): PricedOrder {
  const { warnings } = options;
  const included = amountsIncludeVat(order, options.pricesIncludeVat);
  const shopLines = readShopLines(order);
  const shares = spreadOrderDiscount(order, shopLines);
  const lineRates = shopLines.map((shopLine) => vatRateForLine(order, shopLine.line, shopLine.ref));
  const shipping = parseAmount(order.shipping_cost, { orderId: order.order_id, field: "shippingCost" }, { optional: true });
  const surcharge = parseAmount(order.payment_surcharge, { orderId: order.order_id, field: "paymentSurcharge" }, { optional: true });
  const parts: Part[] = shopLines.map((shopLine, index) => ({
    amount: shopLine.unit.times(shopLine.quantity).minus(shopLine.lineDiscount).minus(shares[index]!),
    rate: lineRates[index]!,
  }));
  if (shipping.greaterThan(0)) parts.push({ amount: shipping, rate: vatRateForShipping(order) });
  if (surcharge.greaterThan(0)) parts.push({ amount: surcharge, rate: vatRateForSurcharge(order) });
  const { nets, vismaGross, groups } = netsOf(parts, included);

  const taxCategoryFor = (rate: Money, part: LineRef | "shipping" | "surcharge"): string | undefined => {
    const category = mapping.taxCategoryByRate[rate.toString()];
    if (!category && rate.isZero()) {
      const what = typeof part === "object" ? `line ${part.line} (${part.sku})` : part === "shipping" ? "the shipping cost" : "the payment surcharge";
      throw new AppError(
        "ORDER_INVALID",
        `Order ${order.order_id}: ${what} carries no VAT in the shop, but Visma.net would add its item's VAT. Map the 0 % rate to Visma.net's tax category for sales without VAT in the order mapping, then retry the order.`,
        {
          params: { variant: "zeroRateUnmapped", orderId: order.order_id, ...(typeof part === "object" ? { part: "line", ...part } : { part }) },
        },
      );
    }
    return category;
  };
  const orderLines: NewSalesOrderLine[] = shopLines.map((shopLine, index) => {
    const pricing = priceLine(shopLine.unit, shopLine.quantity, nets[index]!, included ? lineRates[index]! : new Money(0));
    const taxCategoryId = taxCategoryFor(lineRates[index]!, shopLine.ref);
    return {
      inventoryId: shopLine.line.product_code.trim(),
      quantity: shopLine.quantity.toNumber(),
      unitPrice: pricing.unitPrice.toNumber(),
      hasManualPrice: true,
      discountAmount: pricing.discountAmount.toNumber(),
      hasManualDiscount: true,
      description: warnings.cut(shopLine.line.product, VISMA_LIMITS.lineDescription, "lineDescription", {
        line: index + 1,
        sku: shopLine.line.product_code.trim(),
      }),
      ...(mapping.warehouseId ? { warehouseId: mapping.warehouseId } : {}),
      ...(taxCategoryId ? { taxCategoryId } : {}),
    };
  });
  let next = shopLines.length;
  const freightCost = shipping.greaterThan(0) ? nets[next++]! : new Money(0);
  const freightTaxCategoryId = shipping.greaterThan(0) ? taxCategoryFor(parts[shopLines.length]!.rate, "shipping") : undefined;

  const itemLine = (inventoryId: string, quantity: number, unitPrice: Money, description: string): NewSalesOrderLine => ({
    inventoryId,
    quantity,
    unitPrice: unitPrice.toNumber(),
    hasManualPrice: true,
    discountAmount: 0,
    hasManualDiscount: true,
    description,
  });
  if (surcharge.greaterThan(0)) {
    const item = requireItem(order, mapping.items.paymentSurcharge, "paymentSurcharge", surcharge);
    const surchargeRate = parts[next]!.rate;
    const taxCategoryId = taxCategoryFor(surchargeRate, "surcharge");
    orderLines.push({ ...itemLine(item, 1, nets[next++]!, "Payment surcharge"), ...(taxCategoryId ? { taxCategoryId } : {}) });
  }
  const gift = giftCertificatesOf(order);
  if (gift.greaterThan(0)) {
    const item = requireItem(order, mapping.items.giftCertificate, "giftCertificate", gift);
    orderLines.push(itemLine(item, -1, roundCents(gift), "Gift certificate redeemed"));
  }

  const shopTotal = parseAmount(order.total, { orderId: order.order_id, field: "total" });
  const difference = shopTotal.minus(vismaGross.minus(gift));
  if (!difference.isZero()) {
    // VAT rounding leaves at most a cent per VAT rate; anything more is an amount APIcenter does not know.
    const onlyRounding = difference.abs().lessThanOrEqualTo(new Money(0.01).times(groups));
    const vismaTotal = vismaGross.minus(gift);
    if (onlyRounding && mapping.items.rounding) {
      orderLines.push(itemLine(mapping.items.rounding, difference.isNegative() ? -1 : 1, difference.abs(), "Rounding"));
    } else {
      const reason = onlyRounding
        ? `Visma.net's VAT, rounded as it rounds it, comes to ${difference.abs().toFixed(2)} ${difference.isNegative() ? "more" : "less"} than the shop charged. Name a rounding item in the order mapping (a misc. charge item without VAT) to carry the difference, then retry the order.`
        : "The shop's total holds an amount APIcenter does not send (a fee or a discount of a kind it does not know). Correct the order in CS-Cart, or ask support to map that kind of amount.";
      throw new AppError(
        "ORDER_INVALID",
        `Order ${order.order_id} would come to ${vismaTotal.toFixed(2)} in Visma.net, but the shop's total is ${shopTotal.toFixed(2)}. ${reason}`,
        {
          details: { shopTotal: shopTotal.toFixed(2), vismaTotal: vismaTotal.toFixed(2) },
          params: {
            variant: onlyRounding ? "totalsRounding" : "totalsUnknownAmount",
            orderId: order.order_id,
            vismaTotal: vismaTotal.toNumber(),
            shopTotal: shopTotal.toNumber(),
            difference: difference.abs().toNumber(),
            direction: difference.isNegative() ? "more" : "less",
          },
        },
      );
    }
  }
  return { orderLines, freightCost, ...(freightTaxCategoryId ? { freightTaxCategoryId } : {}) };
}

const UNMAPPED_ITEM = {
  paymentSurcharge: { what: "a payment surcharge of", field: "payment surcharge item (a service item)" },
  giftCertificate: { what: "gift certificates worth", field: "gift certificate item (a misc. charge item without VAT)" },
} as const;

/** The item the order mapping names for an amount Visma.net has no field for; without one the order fails naming the mapping field. */
function requireItem(order: CsCartOrder, item: string | null, amountKind: keyof typeof UNMAPPED_ITEM, amount: Money): string {
  if (item) return item;
  const { what, field } = UNMAPPED_ITEM[amountKind];
  throw new AppError(
    "ORDER_INVALID",
    `Order ${order.order_id} has ${what} ${amount.toFixed(2)}, which Visma.net has no field for. Name a ${field} in the order mapping, then retry the order.`,
    {
      params: { variant: "itemUnmapped", orderId: order.order_id, item: amountKind, amount: amount.toNumber() },
    },
  );
}

/**
 * The model of how Visma.net totals a sales order (see the module comment), for tests and the
 * mapping preview: `rateOf` gives each line's VAT rate, `freightRate` the freight's.
 */
export function vismaOrderTotal(
  lines: { quantity: number; unitPrice: number; discountAmount?: number }[],
  rateOf: (index: number) => number,
  freight: { cost: number; rate: number } = { cost: 0, rate: 0 },
): Money {
  const byRate = new Map<number, Money>();
  lines.forEach((line, index) => {
    const amount = new Money(line.unitPrice).times(line.quantity).minus(line.discountAmount ?? 0);
    byRate.set(rateOf(index), (byRate.get(rateOf(index)) ?? new Money(0)).plus(amount));
  });
  if (freight.cost) byRate.set(freight.rate, (byRate.get(freight.rate) ?? new Money(0)).plus(freight.cost));
  let total = new Money(0);
  for (const [rate, amount] of byRate) total = total.plus(amount).plus(vatOn(amount, new Money(rate)));
  return total;
}
