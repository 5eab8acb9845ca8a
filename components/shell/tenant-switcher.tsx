"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; name: string }[] }) {
  const router = useRouter();
  const t = useTranslations("shell");
  if (tenants.length < 2) {
    return <span className="text-sm text-slate-700" data-testid="tenant-name">{tenants.find((tenant) => tenant.slug === current)?.name}</span>;
  }
  return (
    <label className="text-sm">
      <span className="sr-only">{t("shop")}</span>
      <select value={current} onChange={(event) => router.push(`/${event.target.value}`)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1" data-testid="tenant-switcher">
        {tenants.map((tenant) => (
          <option key={tenant.slug} value={tenant.slug}>{tenant.name}</option>
        ))}
      </select>
    </label>
  );
}
