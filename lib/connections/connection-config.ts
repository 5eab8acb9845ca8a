/**
 * What a tenant stores per connection. Non-secret fields live in Connection.config (JSON, checked
 * with these schemas on every read and write); the secret (CS-Cart API key, Visma client secret)
 * is stored encrypted in Connection.encryptedSecret and never leaves the server.
 */
import { z } from "zod";

const httpUrl = z
  .url("must be a full URL, e.g. https://shop.example.com")
  .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
  .transform((value) => value.replace(/\/+$/, ""));

export const CscartConfigSchema = z.object({
  /** The shop's address; the API is under /api/2.0/. */
  shopUrl: httpUrl,
  /** The admin user whose API key is used (HTTP Basic user name). */
  adminEmail: z.string().trim().toLowerCase().pipe(z.email("must be the admin user's e-mail address")),
});
export type CscartConfig = z.infer<typeof CscartConfigSchema>;

/** The real Visma.net hosts, used as defaults in the form. */
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
});
export type VismaConfig = z.infer<typeof VismaConfigSchema>;

export const SecretSchema = z.string().trim().min(1, "the secret is required").max(500);
