/**
 * Resolves "may this user act in this tenant, with at least this role?". Framework-free so it is
 * tested directly against Postgres; the guard wrappers in ./guard.ts call it for every request.
 * A tenant the user is not a member of answers NOT_FOUND, never FORBIDDEN, so its existence leaks
 * nothing.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { roleAllows, type RoleName } from "./roles";

export type TenantContext = {
  tenant: { id: string; slug: string; name: string };
  user: { id: string; email: string; name: string };
  role: RoleName;
};

export async function resolveTenantAccess(userId: string | undefined, tenantSlug: string, requiredRole: RoleName): Promise<TenantContext> {
  if (!userId) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
  const membership = await db.membership.findFirst({
    where: { userId, tenant: { slug: tenantSlug } },
    include: { tenant: true, user: true },
  });
  if (!membership) throw new AppError("NOT_FOUND", "This page does not exist.", { params: { variant: "page" } });
  if (!roleAllows(membership.role, requiredRole)) {
    throw new AppError("FORBIDDEN", `This needs the ${requiredRole} role; you are ${membership.role}.`, {
      params: { required: requiredRole, role: membership.role },
    });
  }
  return {
    tenant: { id: membership.tenant.id, slug: membership.tenant.slug, name: membership.tenant.name },
    user: { id: membership.user.id, email: membership.user.email, name: membership.user.name },
    role: membership.role,
  };
}

/** The tenants a user can switch between. */
export async function listUserTenants(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { tenant: { select: { slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return memberships.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name, role: m.role }));
}
