"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/** The three mappings: products (the Mappings page itself), orders, customers. */
const TABS = [
  ["", "products"],
  ["/orders", "orders"],
  ["/customers", "customers"],
] as const;

export function MappingTabs({ tenantSlug }: { tenantSlug: string }) {
  const t = useTranslations("mappings.tabs");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-1 border-b border-slate-200">
      {TABS.map(([segment, name]) => {
        const href = `/${tenantSlug}/mappings${segment}`;
        const active = pathname === href;
        return (
          <Link
            key={name}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(name)}
          </Link>
        );
      })}
    </nav>
  );
}
