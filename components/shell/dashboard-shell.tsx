import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { RoleName } from "@/lib/auth/roles";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageMenu } from "./language-menu";
import { LogoutButton } from "./logout-button";
import { NavLinks } from "./nav-links";
import { TenantSwitcher } from "./tenant-switcher";

export function DashboardShell(props: {
  tenant: { slug: string; name: string };
  user: { email: string; name: string; locale: Locale | null };
  role: RoleName;
  tenants: { slug: string; name: string; role: RoleName }[];
  children: ReactNode;
}) {
  const t = useTranslations();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
          <Link href={`/${props.tenant.slug}`} className="text-lg font-semibold text-brand-700">
            {t("shell.home")}
          </Link>
          <TenantSwitcher current={props.tenant.slug} tenants={props.tenants} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-600 sm:inline" data-testid="current-user">
              {props.user.name} ·{" "}
              <span data-testid="current-role" data-role={props.role}>
                {t(`roles.${props.role}`)}
              </span>
            </span>
            <LanguageMenu chosen={props.user.locale} />
            <Link href="/account" className="text-brand-700 hover:underline">
              {t("shell.account")}
            </Link>
            <LogoutButton />
          </div>
        </div>
        <NavLinks tenantSlug={props.tenant.slug} />
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6" data-role={props.role}>
        {props.children}
      </main>
    </div>
  );
}
