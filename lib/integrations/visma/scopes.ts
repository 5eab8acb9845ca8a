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

/** A module's definition says which scopes its calls need (lib/sync/modules/<slug>/definition.ts). */
export type ScopedModule = { vismaScopes?: readonly VismaScope[] };

/**
 * What the enabled modules call, in VISMA_SCOPES order: the connection test (and every module)
 * reads the ERP API; each module adds the scopes its own calls need.
 */
export function scopesForModules(modules: readonly ScopedModule[]): VismaScope[] {
  const wanted = new Set<VismaScope>(["vismanet_erp_service_api:read", ...modules.flatMap((module) => module.vismaScopes ?? [])]);
  return VISMA_SCOPES.filter((scope) => wanted.has(scope));
}

/** The scope list a tenant may type: known scopes separated by spaces (or commas, or lines), each once. */
export const ScopeListSchema = z
  .string()
  .transform((text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(z.enum(VISMA_SCOPES, { error: (issue) => `"${String(issue.input)}" is not a Visma.net scope APIcenter knows (${VISMA_SCOPES.join(", ")})` })))
  .transform((scopes) => scopes.join(" "));

/** The advice for invalid_scope: what to grant in the Developer Portal. */
export function invalidScopeAdvice(requested: string, remoteMessage: string): string {
  return (
    `Visma Connect refused the scopes APIcenter asked for (${remoteMessage}). ` +
    `Grant these scopes to the integration in the Visma Developer Portal: ${requested.split(" ").join(", ")}; ` +
    "or remove the ones your modules do not need from the connection's scopes."
  );
}
