/**
 * Renders state records in CS-Cart's API shapes. As in the real API, stored columns come back as
 * strings ("199.00", "1042") while values computed by fn_get_order_info are numbers (447.5).
 */
import type { CscartAddress, CscartCategory, CscartImagePair, CscartOrder, CscartProduct, CscartSettings, CscartUser } from "./state";
import { STANDARD_TAX_ID } from "./state";

export const money = (cents: number): string => (cents / 100).toFixed(2);
export const amountNumber = (cents: number): number => Math.round(cents) / 100;

function addressFields(prefix: "b_" | "s_", address: CscartAddress): Record<string, string> {
  return {
    [`${prefix}firstname`]: address.firstname,
    [`${prefix}lastname`]: address.lastname,
    [`${prefix}address`]: address.address,
    [`${prefix}address_2`]: address.address2,
    [`${prefix}city`]: address.city,
    [`${prefix}county`]: "",
    [`${prefix}state`]: address.state,
    [`${prefix}state_descr`]: "",
    [`${prefix}country`]: address.country,
    [`${prefix}country_descr`]: address.countryDescr,
    [`${prefix}zipcode`]: address.zipcode,
    [`${prefix}phone`]: address.phone,
  };
}

interface LineTotals {
  itemId: string;
  /** price * amount after the per-unit discount. */
  lineCents: number;
  taxCents: number;
}

export interface OrderTotals {
  lines: LineTotals[];
  subtotalCents: number;
  discountCents: number;
  shippingTaxCents: number;
  /** What each redeemed gift certificate took off the total (use_gift_certificates[code].cost). */
  giftCertificateCosts: { code: string; amountCents: number; costCents: number }[];
  /** Per tax id: total tax and where it applies (P_<item_id>, S_0_1). */
  taxes: Map<number, { totalCents: number; applies: Record<string, number> }>;
  /** Only taxes not included in prices, as CS-Cart's tax_subtotal. */
  taxSubtotalCents: number;
  totalCents: number;
}

function taxOf(baseCents: number, ratePercent: number, included: boolean): number {
  return included ? Math.round(baseCents - (baseCents * 100) / (100 + ratePercent)) : Math.round((baseCents * ratePercent) / 100);
}

/**
 * Computes the figures fn_get_order_info returns. The order-level subtotal_discount is spread over the
 * lines in proportion to their value before tax is worked out, so VAT matches what was paid.
 */
export function computeOrderTotals(order: CscartOrder, settings: CscartSettings): OrderTotals {
  const included = settings.pricesIncludeTax;
  const rateOf = (taxId: number) => settings.taxes.find((tax) => tax.taxId === taxId)?.ratePercent ?? 0;
  const subtotalCents = order.lines.reduce((sum, line) => sum + (line.basePriceCents - line.discountCents) * line.amount, 0);
  const taxes = new Map<number, { totalCents: number; applies: Record<string, number> }>();
  const addTax = (taxId: number, key: string, cents: number) => {
    const entry = taxes.get(taxId) ?? { totalCents: 0, applies: {} };
    entry.totalCents += cents;
    entry.applies[key] = amountNumber(cents);
    taxes.set(taxId, entry);
  };
  const lines = order.lines.map((line) => {
    const lineCents = (line.basePriceCents - line.discountCents) * line.amount;
    const discountShare = subtotalCents > 0 ? Math.round((order.subtotalDiscountCents * lineCents) / subtotalCents) : 0;
    const taxCents = line.taxId ? taxOf(lineCents - discountShare, rateOf(line.taxId), included) : 0;
    if (line.taxId) addTax(line.taxId, `P_${line.itemId}`, taxCents);
    return { itemId: line.itemId, lineCents, taxCents };
  });
  const shippingTaxCents = taxOf(order.shippingCostCents, rateOf(STANDARD_TAX_ID), included);
  if (order.shippingCostCents > 0) addTax(STANDARD_TAX_ID, "S_0_1", shippingTaxCents);
  // The payment's taxes apply to its surcharge (fn_calculate_payment_taxes: applies PS_<payment_id>).
  if (order.paymentSurchargeCents > 0) addTax(STANDARD_TAX_ID, `PS_${order.paymentId}`, taxOf(order.paymentSurchargeCents, rateOf(STANDARD_TAX_ID), included));
  const taxSubtotalCents = included ? 0 : [...taxes.values()].reduce((sum, tax) => sum + tax.totalCents, 0);
  let payable = subtotalCents - order.subtotalDiscountCents + order.shippingCostCents + order.paymentSurchargeCents + taxSubtotalCents;
  // Gift certificates come off the total last, each as far as it reaches (the add-on's "cost").
  const giftCertificateCosts = order.giftCertificates.map((certificate) => {
    const costCents = Math.min(certificate.amountCents, payable);
    payable -= costCents;
    return { ...certificate, costCents };
  });
  return {
    lines,
    subtotalCents,
    discountCents: order.lines.reduce((sum, line) => sum + line.discountCents * line.amount, 0),
    shippingTaxCents,
    giftCertificateCosts,
    taxes,
    taxSubtotalCents,
    totalCents: payable,
  };
}

/**
 * A row of GET /api/orders: exactly the columns fn_get_orders (4.13, app/functions/fn.cart.php)
 * selects, plus the issuer and document joins it adds by default. No `updated_at`: the list does not
 * select it, although the table has it and `updated_at_from/to` filter on it.
 */
export function renderOrderSummary(order: CscartOrder, settings: CscartSettings): Record<string, unknown> {
  const totals = computeOrderTotals(order, settings);
  return {
    order_id: String(order.orderId),
    issuer_id: null,
    user_id: String(order.userId),
    is_parent_order: "N",
    parent_order_id: "0",
    company_id: String(order.companyId),
    company: order.company,
    timestamp: String(order.timestamp),
    firstname: order.firstname,
    lastname: order.lastname,
    email: order.email,
    phone: order.phone,
    status: order.status,
    total: money(totals.totalCents),
    issuer_name: null,
    issuer_email: null,
    invoice_id: null,
    credit_memo_id: null,
  };
}

export function renderOrderDetail(order: CscartOrder, settings: CscartSettings): Record<string, unknown> {
  const totals = computeOrderTotals(order, settings);
  const included = settings.pricesIncludeTax;
  const products: Record<string, unknown> = {};
  order.lines.forEach((line, index) => {
    const lineTotals = totals.lines[index] as LineTotals;
    const price = line.basePriceCents - line.discountCents;
    products[line.itemId] = {
      item_id: line.itemId,
      order_id: String(order.orderId),
      product_id: String(line.productId),
      product_code: line.productCode,
      product: line.product,
      price: money(price),
      amount: String(line.amount),
      base_price: amountNumber(line.basePriceCents),
      original_price: amountNumber(line.basePriceCents),
      discount: amountNumber(line.discountCents),
      // Only taxes not included in the price are added to the line subtotal.
      subtotal: amountNumber(lineTotals.lineCents + (included ? 0 : lineTotals.taxCents)),
      tax_value: amountNumber(lineTotals.taxCents),
      shipped_amount: line.shippedAmount,
      shipment_amount: String(line.amount - line.shippedAmount),
      is_accessible: true,
      extra: {},
      product_options: [],
    };
  });
  const taxes: Record<string, unknown> = {};
  for (const [taxId, tax] of totals.taxes) {
    const definition = settings.taxes.find((candidate) => candidate.taxId === taxId);
    taxes[String(taxId)] = {
      rate_type: "P",
      rate_value: (definition?.ratePercent ?? 0).toFixed(3),
      price_includes_tax: included ? "Y" : "N",
      regnumber: "",
      priority: 0,
      tax_subtotal: amountNumber(tax.totalCents),
      description: definition?.description ?? "",
      applies: tax.applies,
    };
  }
  return {
    ...renderOrderSummary(order, settings),
    // fn_get_order_info reads the whole orders row; shops before updated_at existed have no such column.
    ...(settings.ordersHaveUpdatedAt ? { updated_at: String(order.updatedAt) } : {}),
    shipping_ids: String(order.shippingId),
    lang_code: "en",
    ...addressFields("b_", order.billing),
    ...addressFields("s_", order.shipping),
    subtotal: amountNumber(totals.subtotalCents),
    discount: amountNumber(totals.discountCents),
    subtotal_discount: amountNumber(order.subtotalDiscountCents),
    shipping_cost: money(order.shippingCostCents),
    payment_surcharge: money(order.paymentSurchargeCents),
    use_gift_certificates: Object.fromEntries(
      totals.giftCertificateCosts.map((certificate, index) => [
        certificate.code,
        { gift_cert_id: String(index + 1), amount: amountNumber(certificate.amountCents), cost: amountNumber(certificate.costCents) },
      ]),
    ),
    tax_exempt: "N",
    tax_subtotal: amountNumber(totals.taxSubtotalCents),
    display_subtotal: amountNumber(totals.subtotalCents + totals.taxSubtotalCents),
    payment_id: String(order.paymentId),
    payment_method: { payment_id: String(order.paymentId), payment: order.paymentMethod, description: "" },
    shipping: [{ shipping_id: String(order.shippingId), shipping: order.shippingMethod }],
    taxes,
    notes: order.notes,
    details: "",
    promotions: order.subtotalDiscountCents > 0 ? { "1": { bonuses: [{ bonus: "order_discount" }] } } : {},
    doc_ids: [],
    fields: {},
    products,
  };
}

function renderImagePair(pair: CscartImagePair, productId: number, baseUrl: string): Record<string, unknown> {
  const imagePath = `${baseUrl}/images/detailed/${Math.floor(pair.imageId / 1000)}/${pair.fileName}`;
  return {
    pair_id: String(pair.pairId),
    image_id: "0",
    detailed_id: String(pair.imageId),
    position: String(pair.position),
    object_id: String(productId),
    object_type: "product",
    detailed: {
      object_id: String(pair.imageId),
      object_type: "detailed",
      image_path: imagePath,
      http_image_path: imagePath,
      https_image_path: imagePath.replace(/^http:/, "https:"),
      alt: pair.alt,
      image_x: "500",
      image_y: "500",
      relative_path: `detailed/${Math.floor(pair.imageId / 1000)}/${pair.fileName}`,
    },
  };
}

export function renderProduct(product: CscartProduct, baseUrl: string): Record<string, unknown> {
  return {
    product_id: String(product.productId),
    product: product.product,
    product_code: product.productCode,
    product_type: "P",
    status: product.status,
    company_id: String(product.companyId),
    list_price: money(product.listPriceCents),
    price: money(product.priceCents),
    amount: String(product.amount),
    tracking: product.tracking,
    weight: product.weight.toFixed(2),
    min_qty: "0",
    max_qty: "0",
    qty_step: "0",
    tax_ids: product.taxIds.join(","),
    category_ids: product.categoryIds,
    main_category: product.mainCategory,
    timestamp: String(product.timestamp),
    updated_timestamp: String(product.updatedTimestamp),
    full_description: product.fullDescription,
    short_description: "",
    main_pair: product.mainPair ? renderImagePair(product.mainPair, product.productId, baseUrl) : null,
    image_pairs: Object.fromEntries(product.imagePairs.map((pair) => [String(pair.pairId), renderImagePair(pair, product.productId, baseUrl)])),
  };
}

export function renderUser(user: CscartUser): Record<string, unknown> {
  return {
    user_id: String(user.userId),
    user_login: user.userLogin,
    user_type: user.userType,
    status: user.status,
    company_id: String(user.companyId),
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    company: user.company,
    phone: user.phone,
    timestamp: String(user.timestamp),
    lang_code: "en",
    ...addressFields("b_", user.billing),
    ...addressFields("s_", user.shipping),
  };
}

export function renderCategory(category: CscartCategory): Record<string, unknown> {
  return {
    category_id: String(category.categoryId),
    parent_id: String(category.parentId),
    id_path: category.idPath,
    category: category.category,
    company_id: String(category.companyId),
    status: category.status,
    position: String(category.position),
    main_pair: null,
  };
}
