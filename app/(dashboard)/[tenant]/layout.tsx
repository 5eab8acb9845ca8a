import type { ReactNode } from "react";
import { ModuleCatalogProvider } from "@/components/module-catalog";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { getUserLocale } from "@/lib/accounts/user-locale";
import { currentUserId, guardPage } from "@/lib/auth/guard";
import { listUserTenants } from "@/lib/auth/tenant-access";
import { SYNC_MODULES } from "@/lib/sync/modules";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const userId = await currentUserId();
  // The tenant switcher's list and the user's language are read while the guard checks access
  // (without a user the guard sends to log in, and neither is read).
  const [ctx, tenants, locale] = await Promise.all([guardPage(tenant), userId ? listUserTenants(userId) : [], userId ? getUserLocale(userId) : null]);
  return (
    <DashboardShell tenant={ctx.tenant} user={{ ...ctx.user, locale }} role={ctx.role} tenants={tenants}>
      <ModuleCatalogProvider modules={SYNC_MODULES.catalog}>{children}</ModuleCatalogProvider>
    </DashboardShell>
  );
}
