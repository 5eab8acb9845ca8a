/** Creates a tenant with its default settings and its first owner, in one transaction. */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { DEFAULT_SETTINGS } from "../settings/defaults";
import { parseOrThrow } from "../validation";

/** Slugs live at the top of the URL, so they must not shadow the app's own routes. */
const RESERVED_SLUGS = new Set(["login", "logout", "api", "_next", "tenants", "favicon.ico", "signed", "account", "forgot-password", "set-password"]);

export const TenantSlugSchema = z
  .string()
  .trim()
  .min(2, "at least 2 characters")
  .max(40, "at most 40 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes only")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "this name is reserved");

const CreateTenantSchema = z.object({ slug: TenantSlugSchema, name: z.string().trim().min(1).max(100) });

export async function createTenant(input: { slug: string; name: string; ownerUserId?: string }) {
  const { slug, name } = parseOrThrow(CreateTenantSchema, input, "tenant");
  const existing = await db.tenant.findUnique({ where: { slug } });
  if (existing) throw new AppError("VALIDATION_FAILED", `A tenant named "${slug}" already exists.`);
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { slug, name } });
    await tx.settings.create({ data: { tenantId: tenant.id, ...DEFAULT_SETTINGS } });
    if (input.ownerUserId) {
      await tx.membership.create({ data: { tenantId: tenant.id, userId: input.ownerUserId, role: "OWNER" } });
    }
    return tenant;
  });
}
