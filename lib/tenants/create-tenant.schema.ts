/** A new tenant's slug and name, as the routes, the CLI and the forms check them. */
import { z } from "zod";

/**
 * Slugs live at the top of the URL (/<slug>/...), so they must not shadow the app's own routes
 * (app/ and proxy.ts) or names a future route may want.
 */
export const RESERVED_SLUGS = new Set([
  "login",
  "logout",
  "signup",
  "sign-up",
  "api",
  "_next",
  "tenants",
  "favicon.ico",
  "robots.txt",
  "signed",
  "account",
  "forgot-password",
  "set-password",
  "admin",
  "app",
  "static",
  "public",
  "images",
  "health",
  "metrics",
  "new",
  "settings",
  "help",
  "support",
  "www",
]);

export const TenantSlugSchema = z
  .string({ error: "name the shop's address (its slug), e.g. acme" })
  .trim()
  .min(2, "at least 2 characters")
  .max(40, "at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and dashes only, starting and ending with a letter or digit")
  .refine((slug) => !slug.includes("--"), { message: "no two dashes in a row", params: { issue: "doubleDash" } })
  .refine((slug) => !RESERVED_SLUGS.has(slug), { message: "this name is reserved", params: { issue: "reserved" } });

/**
 * A slug made from a company name: "Fjell & Fjord AS" → "fjell-fjord-as" (letters without their
 * accents, everything else one dash). It may still be reserved or taken: the caller checks.
 */
export function slugFromName(name: string, maxLength = 40): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

export const TenantNameSchema = z.string({ error: "name the company" }).trim().min(1, "name the company").max(100, "at most 100 characters");

export const CreateTenantInputSchema = z.object({ slug: TenantSlugSchema, name: TenantNameSchema });
export type CreateTenantInput = z.output<typeof CreateTenantInputSchema>;
