"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; name: string }[] }) {
  const router = useRouter();
  const t = useTranslations("shell");
  // "New shop": any logged-in user may create one (lib/tenants/create-tenant.ts).
  const newShop = (
    <Link href="/tenants/new" className="text-sm text-brand-700 hover:underline" data-testid="new-tenant">
      + {t("newShop")}
    </Link>
  );
  if (tenants.length < 2) {
    return (
      <span className="flex items-center gap-3">
        <span className="text-sm text-slate-700" data-testid="tenant-name">
          {tenants.find((tenant) => tenant.slug === current)?.name}
        </span>
        {newShop}
      </span>
    );
  }
  return (
    <span className="flex items-center gap-3">
      <label className="text-sm">
        <span className="sr-only">{t("shop")}</span>
        <select
          value={current}
          onChange={(event) => router.push(`/${event.target.value}`)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
          data-testid="tenant-switcher"
        >
          {tenants.map((tenant) => (
            <option key={tenant.slug} value={tenant.slug}>
              {tenant.name}
            </option>
          ))}
        </select>
      </label>
      {newShop}
    </span>
  );
}
