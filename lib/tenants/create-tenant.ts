/**
 * Creates a tenant with its default settings (every module off, no start point for order export:
 * lib/settings/defaults.ts) and, when given, its first owner. However a tenant is made — the tenant
 * switcher, sign-up, the operator CLI, the demo seed, tests — it is made here, so it starts safe.
 */
import { recordAudit } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { DEFAULT_SETTINGS } from "../settings/defaults";
import { fieldDetails, parseOrThrow } from "../validation";
import { CreateTenantInputSchema, type CreateTenantInput } from "./create-tenant.schema";

export { CreateTenantInputSchema, RESERVED_SLUGS, slugFromName, TenantNameSchema, TenantSlugSchema, type CreateTenantInput } from "./create-tenant.schema";

function slugTaken(slug: string): AppError {
  return new AppError("VALIDATION_FAILED", `The address "${slug}" is taken: choose another.`, {
    details: fieldDetails({ slug: { message: "this address is taken", code: "taken" } }),
    params: { variant: "slugTaken", slug },
  });
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
    throw new AppError("TOO_MANY_ATTEMPTS", `You created ${recent} shops in the last hour; wait a while before creating another.`, {
      details: { retryAfterMs: 60 * 60_000 },
      params: { variant: "shops", count: recent },
    });
  }
  const tenant = await withSlugRace(input.slug, () =>
    db.$transaction(async (tx) => {
      const created = await insertTenant(tx, input, user.id);
      await recordAudit(
        { tenant: { id: created.id, slug: created.slug, name: created.name }, user },
        "tenant.create",
        `tenant:${created.slug}`,
        { slug: created.slug, name: created.name },
        tx,
      );
      return created;
    }),
  );
  return { slug: tenant.slug, name: tenant.name };
}
