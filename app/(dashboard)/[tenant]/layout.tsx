import type { ReactNode } from "react";
import { ModuleCatalogProvider } from "@/components/module-catalog";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { getUserLocale } from "@/lib/accounts/user-locale";
import { guardPage } from "@/lib/auth/guard";
import { listUserTenants } from "@/lib/auth/tenant-access";
import { SYNC_MODULES } from "@/lib/sync/modules";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await guardPage(tenant);
  const [tenants, locale] = await Promise.all([listUserTenants(ctx.user.id), getUserLocale(ctx.user.id)]);
  return (
    <DashboardShell tenant={ctx.tenant} user={{ ...ctx.user, locale }} role={ctx.role} tenants={tenants}>
      <ModuleCatalogProvider modules={SYNC_MODULES.catalog}>{children}</ModuleCatalogProvider>
    </DashboardShell>
  );
}
