/**
 * What a tenant stores for its CS-Cart connection (Connection.config, checked on every read and
 * write). The API key is the secret: stored encrypted in Connection.encryptedSecret, never here.
 */
import { z } from "zod";
import { httpUrl } from "../url-field";

export const CscartConfigSchema = z.object({
  /** The shop's address; the API is under /api/2.0/. */
  shopUrl: httpUrl,
  /** The admin user whose API key is used (HTTP Basic user name). */
  adminEmail: z.string().trim().toLowerCase().pipe(z.email("must be the admin user's e-mail address")),
});
export type CscartConfig = z.infer<typeof CscartConfigSchema>;
