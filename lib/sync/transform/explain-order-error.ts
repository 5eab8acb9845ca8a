/**
 * Turns Visma.net's refusals of a sales order into what the shop owner must do (docs/api-facts.md,
 * "SalesOrder V3 errors"): a missing or inactive article, a freight cost the order's Ship via does not
 * let us set (1310), a value over a field limit (0002). Other errors pass through unchanged. Each
 * advice carries params for its translation (messages: errors.<code>.<variant>).
 */
import { AppError } from "../../errors";

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
  return new AppError("SKU_NOT_FOUND", message, { details: error.details, params: { variant, missing, inactive }, cause: error });
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
    `In Settings → Order export, map the shop's shipping method${methods ? ` ${methods}` : ""} to a Visma.net Ship via that allows a manual freight cost, ` +
    "or allow it on that Ship via in Visma.net; then retry the order.";
  return new AppError("REMOTE_VALIDATION", message, {
    details: { ...error.details, remoteCode: "1310-FreightCostCanNotBeSetManually" },
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

export function explainOrderError(error: AppError, context: OrderShippingContext = {}): AppError {
  if (error.code !== "REMOTE_VALIDATION") return error;
  const remoteText = remoteTextOf(error);
  if (/1310-FreightCostCanNotBeSetManually/.test(remoteText)) return freightAdvice(error, context);
  if (/0002-InvalidLength/.test(remoteText)) return lengthAdvice(error, remoteText);
  return articleAdvice(error, remoteText) ?? error;
}
