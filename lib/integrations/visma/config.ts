/**
 * What a tenant stores for its Visma.net connection (Connection.config, checked on every read and
 * write). The client secret is stored encrypted in Connection.encryptedSecret, never here.
 */
import { z } from "zod";
import { httpUrl } from "../url-field";
import { ScopeListSchema } from "./scopes";

/** The real Visma.net hosts, used as defaults. */
export const VISMA_DEFAULT_URLS = {
  tokenUrl: "https://connect.visma.com/connect/token",
  erpBaseUrl: "https://api.finance.visma.net",
  salesOrderBaseUrl: "https://salesorder.visma.net",
} as const;

export const VismaConfigSchema = z.object({
  clientId: z.string().trim().min(1, "the client id is required"),
  /** The Visma Connect tenant id of the company (not the customer tenant; that gives 401). */
  tenantId: z.string().trim().min(1, "the company tenant id is required"),
  tokenUrl: httpUrl.default(VISMA_DEFAULT_URLS.tokenUrl),
  erpBaseUrl: httpUrl.default(VISMA_DEFAULT_URLS.erpBaseUrl),
  salesOrderBaseUrl: httpUrl.default(VISMA_DEFAULT_URLS.salesOrderBaseUrl),
  /**
   * The scopes to request, space-separated; empty: what the tenant's enabled modules need
   * (scopesForModules). Each must be granted to the integration in the Visma Developer Portal.
   */
  scopes: z
    .union([z.literal(""), ScopeListSchema])
    .optional()
    .transform((value) => value || undefined),
});
export type VismaConfig = z.infer<typeof VismaConfigSchema>;
