/**
 * Creates a tenant with its default settings (every module off, no start point for order export:
 * lib/settings/defaults.ts) and, when given, its first owner. However a tenant is made — the tenant
 * switcher, sign-up, the operator CLI, the demo seed, tests — it is made here, so it starts safe.
 */
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { DEFAULT_SETTINGS } from "../settings/defaults";
import { parseOrThrow } from "../validation";

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
  .refine((slug) => !slug.includes("--"), "no two dashes in a row")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "this name is reserved");

export const TenantNameSchema = z.string({ error: "name the company" }).trim().min(1, "name the company").max(100, "at most 100 characters");

export const CreateTenantInputSchema = z.object({ slug: TenantSlugSchema, name: TenantNameSchema });
export type CreateTenantInput = z.output<typeof CreateTenantInputSchema>;

function slugTaken(slug: string): AppError {
  return new AppError("VALIDATION_FAILED", `The address "${slug}" is taken: choose another.`, { details: { fields: { slug: "this address is taken" } } });
}

/** Inside a transaction: the tenant, its settings and (optionally) its owner. A taken slug is a field error. */
export async function insertTenant(tx: Prisma.TransactionClient, { slug, name }: CreateTenantInput, ownerUserId?: string) {
  if (await tx.tenant.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
  const tenant = await tx.tenant.create({ data: { slug, name } });
  await tx.settings.create({ data: { tenantId: tenant.id, ...DEFAULT_SETTINGS } });
  if (ownerUserId) await tx.membership.create({ data: { tenantId: tenant.id, userId: ownerUserId, role: "OWNER" } });
  return tenant;
}

/** Two requests for one slug at once: the unique key decides, and the loser hears the slug is taken. */
async function withSlugRace<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw slugTaken(slug);
    throw error;
  }
}

export async function createTenant(input: { slug: string; name: string; ownerUserId?: string }) {
  const parsed = parseOrThrow(CreateTenantInputSchema, input, "tenant");
  return withSlugRace(parsed.slug, () => db.$transaction((tx) => insertTenant(tx, parsed, input.ownerUserId)));
}

/** How many shops one login may create in an hour from the dashboard (a spam brake, not a plan limit). */
export const TENANTS_PER_USER_PER_HOUR = 5;

/** "New shop" in the tenant switcher: the logged-in user creates a tenant and becomes its OWNER. */
export async function createTenantForUser(userId: string, input: CreateTenantInput) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Log in to continue.");
  const recent = await db.auditEvent.count({ where: { userId, action: "tenant.create", createdAt: { gt: new Date(Date.now() - 60 * 60_000) } } });
  if (recent >= TENANTS_PER_USER_PER_HOUR) {
    throw new AppError("TOO_MANY_ATTEMPTS", `You created ${recent} shops in the last hour; wait a while before creating another.`, { details: { retryAfterMs: 60 * 60_000 } });
  }
  const tenant = await withSlugRace(input.slug, () =>
    db.$transaction(async (tx) => {
      const created = await insertTenant(tx, input, user.id);
      await recordAudit({ tenant: { id: created.id, slug: created.slug, name: created.name }, user }, "tenant.create", `tenant:${created.slug}`, { slug: created.slug, name: created.name }, tx);
      return created;
    }),
  );
  return { slug: tenant.slug, name: tenant.name };
}
