/** Every tenant page starts the same way: the guard, then the props its client view needs. */
import type { PageProps } from "@/components/tenant-query";
import { guardPage } from "@/lib/auth/guard";
import { canEdit } from "@/lib/auth/roles";

export type TenantRouteParams = { params: Promise<{ tenant: string }> };

export async function tenantPageProps(params: TenantRouteParams["params"]): Promise<PageProps & { tenantName: string; userEmail: string }> {
  const ctx = await guardPage((await params).tenant);
  return { tenantSlug: ctx.tenant.slug, tenantName: ctx.tenant.name, userEmail: ctx.user.email, role: ctx.role, canEdit: canEdit(ctx.role) };
}
