"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  ["", "Overview"],
  ["connections", "Connections"],
  ["mappings", "Mappings"],
  ["settings", "Settings"],
  ["runs", "Runs"],
  ["logs", "Logs"],
  ["outbox", "Outbox"],
  ["team", "Team"],
  ["audit", "Audit log"],
] as const;

export function NavLinks({ tenantSlug }: { tenantSlug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4">
      {SECTIONS.map(([segment, label]) => {
        const href = segment ? `/${tenantSlug}/${segment}` : `/${tenantSlug}`;
        const active = segment ? pathname.startsWith(href) : pathname === href;
        return (
          <Link key={label} href={href} aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm ${active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
