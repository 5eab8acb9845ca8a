"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const SECTIONS = [
  ["", "overview"],
  ["connections", "connections"],
  ["mappings", "mappings"],
  ["settings", "settings"],
  ["runs", "runs"],
  ["logs", "logs"],
  ["outbox", "outbox"],
  ["team", "team"],
  ["audit", "audit"],
] as const;

export function NavLinks({ tenantSlug }: { tenantSlug: string }) {
  const pathname = usePathname();
  const t = useTranslations();
  return (
    <nav aria-label={t("shell.sections")} className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4">
      {SECTIONS.map(([segment, name]) => {
        const href = segment ? `/${tenantSlug}/${segment}` : `/${tenantSlug}`;
        const active = segment ? pathname.startsWith(href) : pathname === href;
        return (
          <Link
            key={name}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm ${active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`nav.${name}`)}
          </Link>
        );
      })}
    </nav>
  );
}
