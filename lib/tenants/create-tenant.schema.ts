/** A new tenant's slug and name, as the routes, the CLI and the forms check them. */
import { z } from "zod";

/**
 * Slugs live at the top of the URL (/<slug>/...), so they must not shadow the app's own routes
 * (app/ and proxy.ts) or names a future route may want.
 */
export const RESERVED_SLUGS = new Set([
  "login", "logout", "signup", "sign-up", "api", "_next", "tenants", "favicon.ico", "robots.txt", "signed", "account", "forgot-password", "set-password",
  "admin", "app", "static", "public", "images", "health", "metrics", "new", "settings", "help", "support", "www",
]);

export const TenantSlugSchema = z
  .string({ error: "name the shop's address (its slug), e.g. acme" })
  .trim()
  .min(2, "at least 2 characters")
  .max(40, "at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and dashes only, starting and ending with a letter or digit")
  .refine((slug) => !slug.includes("--"), { message: "no two dashes in a row", params: { issue: "doubleDash" } })
  .refine((slug) => !RESERVED_SLUGS.has(slug), { message: "this name is reserved", params: { issue: "reserved" } });

export const TenantNameSchema = z.string({ error: "name the company" }).trim().min(1, "name the company").max(100, "at most 100 characters");

export const CreateTenantInputSchema = z.object({ slug: TenantSlugSchema, name: TenantNameSchema });
export type CreateTenantInput = z.output<typeof CreateTenantInputSchema>;
