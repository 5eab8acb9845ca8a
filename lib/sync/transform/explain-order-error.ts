/**
 * Turns Visma.net's refusals of a sales order into what the shop owner must do (docs/api-facts.md,
 * "SalesOrder V3 errors"): a missing or inactive article, a freight cost the order's Ship via does not
 * let us set (1310), a value over a field limit (0002). Other errors pass through unchanged. Each
 * advice carries params for its translation (messages: errors.<code>.<variant>).
 */
import { AppError } from "../../errors";
import { WAITS_FOR_SETTINGS, waitsForVismaItem } from "../engine/waiting-for-keys";

function remoteTextOf(error: AppError): string {
  return `${String(error.details?.remoteMessage ?? "")} ${error.message}`;
}

function articleAdvice(error: AppError, remoteText: string): AppError | undefined {
  const skusWhere = (pattern: RegExp) => [...new Set([...remoteText.matchAll(pattern)].map((match) => `"${match[1]}"`))];
  const missing = skusWhere(/Inventory item '([^']+)' was not found/g);
  const inactive = skusWhere(/Inventory item '([^']+)' has status (?!Active)\w+/g);
  const problems = [
    ...(missing.length ? [`Article ${missing.join(", ")} does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart)`] : []),
    ...(inactive.length ? [`Article ${inactive.join(", ")} is not active for sale in Visma.net. Activate it there`] : []),
  ];
  if (!problems.length && !/1804|InventoryIdNotFound/i.test(remoteText)) return undefined;
  const message = problems.length
    ? `${problems.join(". ")}, then retry the order.`
    : "An article on this order does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.";
  // Translations name the articles (messages: errors.SKU_NOT_FOUND.<variant>).
  const variant = missing.length && inactive.length ? "both" : missing.length ? "missing" : inactive.length ? "inactive" : "unnamed";
  // The order waits for the (first) article: once it changes in Visma.net, the next export tries again.
  const first = [...remoteText.matchAll(/Inventory item '([^']+)'/g)][0]?.[1];
  return new AppError("SKU_NOT_FOUND", message, {
    details: { ...error.details, ...(first ? { waitsFor: waitsForVismaItem(first) } : {}) },
    params: { variant, missing, inactive },
    cause: error,
  });
}

/** What the shop knows about the order's shipping, to name it in the advice. */
export interface OrderShippingContext {
  /** The shop's shipping methods on the order, e.g. [{ id: "1", name: "Posten" }]. */
  shippingMethods?: { id: string; name: string }[];
  /** The Ship via sent with the order, if the tenant mapped one. */
  shipViaId?: string;
}

function freightAdvice(error: AppError, context: OrderShippingContext): AppError {
  const methods = (context.shippingMethods ?? []).map((method) => `"${method.name || method.id}" (id ${method.id})`).join(", ");
  const shipViaKind = context.shipViaId ? "mapped" : context.shippingMethods ? "unmapped" : "unknown";
  const shipVia = {
    mapped: `Ship via ${context.shipViaId}`,
    unmapped: "the customer's default Ship via (the shop's shipping method is not mapped)",
    unknown: "this order's Ship via",
  }[shipViaKind];
  const message =
    `Visma.net does not let ${shipVia} take the shop's freight cost (1310-FreightCostCanNotBeSetManually). ` +
    `In Mappings → Orders, map the shop's shipping method${methods ? ` ${methods}` : ""} to a Visma.net Ship via that allows a manual freight cost, ` +
    "or allow it on that Ship via in Visma.net; then retry the order.";
  // Fixed in Settings (the shipping method → Ship via map): the next export after a change tries again.
  return new AppError("REMOTE_VALIDATION", message, {
    details: { ...error.details, remoteCode: "1310-FreightCostCanNotBeSetManually", waitsFor: WAITS_FOR_SETTINGS },
    params: { variant: "freight", shipVia: shipViaKind, shipViaId: context.shipViaId ?? "", methods, hasMethods: Boolean(methods) },
    cause: error,
  });
}

function lengthAdvice(error: AppError, remoteText: string): AppError {
  const fields = [...new Set([...remoteText.matchAll(/0002-InvalidLength:[^;]*?\(([^()]+)\)/g)].map((match) => match[1]))];
  const named = fields.length ? ` (${fields.join(", ")})` : "";
  return new AppError(
    "REMOTE_VALIDATION",
    `Visma.net refused a value on this order as too long${named} (0002-InvalidLength). Shorten it in the CS-Cart order, then retry the order.`,
    { details: error.details, params: { variant: "tooLong", fields: fields.join(", "), hasFields: fields.length > 0 }, cause: error },
  );
}

/** Refusals caused by what the order mapping names: each says which part of the mapping to fix. */
const MAPPING_ADVICE: [RegExp, string, string][] = [
  [
    /140[2349]-|PaymentMethod/,
    "paymentMethod",
    "Visma.net refused the payment method or terms this order's shop payment method is mapped to. Check the payment methods in Mappings → Orders (the payment method must exist and be active for sales orders)",
  ],
  [
    /1408-OverrideCurrencyIdProhibited/,
    "currency",
    "Visma.net does not let this order's currency replace the customer's. Check the currency in Mappings → Orders, or the customer's currency in Visma.net",
  ],
  [
    /1805-InvalidTaxCategoryId/,
    "taxCategory",
    "Visma.net has no tax category the order mapping names for this order's VAT rate. Correct the tax categories in Mappings → Orders",
  ],
  [
    /1809-InvalidQuantityForType/,
    "negativeQuantity",
    "A gift certificate or rounding line needs a misc. charge item (only those take a negative quantity). Name such an item in Mappings → Orders",
  ],
];

export function explainOrderError(error: AppError, context: OrderShippingContext = {}): AppError {
  if (error.code !== "REMOTE_VALIDATION") return error;
  const remoteText = remoteTextOf(error);
  for (const [pattern, variant, advice] of MAPPING_ADVICE) {
    if (!pattern.test(remoteText)) continue;
    const said = String(error.details?.remoteMessage ?? error.message);
    return new AppError("MAPPING_INVALID", `${advice}, then retry the order. Visma.net said: ${said}`, {
      details: error.details,
      params: { variant, said },
      cause: error,
    });
  }
  if (/1310-FreightCostCanNotBeSetManually/.test(remoteText)) return freightAdvice(error, context);
  if (/0002-InvalidLength/.test(remoteText)) return lengthAdvice(error, remoteText);
  return articleAdvice(error, remoteText) ?? error;
}
