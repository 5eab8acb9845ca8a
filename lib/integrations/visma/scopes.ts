/**
 * The Visma Connect scopes APIcenter asks for: only what the tenant's modules need, never :delete
 * (docs/api-facts.md, "Token scopes"). A token request for a scope the integration is not granted
 * in the Visma Developer Portal is refused with invalid_scope.
 */
import { z } from "zod";

/** Service-integration scopes of the v1 ERP API, and the SalesOrder V3 service's own. */
export const VISMA_SCOPES = [
  "vismanet_erp_service_api:read",
  "vismanet_erp_service_api:create",
  "vismanet_erp_service_api:update",
  "vismanet_erp_service_api:delete",
  "visma.net.erp.salesorder:read",
  "visma.net.erp.salesorder:write",
] as const;
export type VismaScope = (typeof VISMA_SCOPES)[number];

export type ScopedModule = "ORDER_EXPORT" | "PRODUCT_IMPORT" | "CUSTOMER_IMPORT" | "STOCK_SYNC";

/**
 * What the enabled modules call: every module and the connection test read the ERP API; order
 * export also creates customers and shipments (v1 POSTs: create) and reads and writes V3 sales orders.
 */
export function scopesForModules(modules: readonly ScopedModule[]): VismaScope[] {
  const scopes: VismaScope[] = ["vismanet_erp_service_api:read"];
  if (modules.includes("ORDER_EXPORT")) scopes.push("vismanet_erp_service_api:create", "visma.net.erp.salesorder:read", "visma.net.erp.salesorder:write");
  return scopes;
}

/** The scope list a tenant may type: known scopes separated by spaces (or commas, or lines), each once. */
export const ScopeListSchema = z
  .string()
  .transform((text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))])
  .pipe(
    z.array(z.enum(VISMA_SCOPES, { error: (issue) => `"${String(issue.input)}" is not a Visma.net scope APIcenter knows (${VISMA_SCOPES.join(", ")})` })),
  )
  .transform((scopes) => scopes.join(" "));

/** The advice for invalid_scope: what to grant in the Developer Portal. */
export function invalidScopeAdvice(requested: string, remoteMessage: string): string {
  return (
    `Visma Connect refused the scopes APIcenter asked for (${remoteMessage}). ` +
    `Grant these scopes to the integration in the Visma Developer Portal: ${requested.split(" ").join(", ")}; ` +
    "or remove the ones your modules do not need from the connection's scopes."
  );
}
