"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { NONE, useFormat } from "@/components/format";
import { useAnyTranslations } from "@/components/i18n";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { PagedTable } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/states";
import { Td } from "@/components/ui/table";
import { usePagedQuery } from "@/components/use-paged-query";
import type { listAuditEvents } from "@/lib/audit/list-audit";
import { hasMessage } from "@/lib/i18n/translate-error";

type AuditPage = Jsonify<Awaited<ReturnType<typeof listAuditEvents>>>;

/** Filter values of the area select; the empty one shows everything. */
const AREAS = ["", "settings", "mapping", "connection", "sync", "logs", "team", "alerts", "tenant"] as const;

/** "fields.price: {…} → {…}" lines from an audit detail's `changes`, else the detail as JSON. */
function describeDetail(detail: unknown): string[] {
  if (!detail || typeof detail !== "object") return [];
  const { changes, ...rest } = detail as { changes?: Record<string, { from: unknown; to: unknown }> };
  const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const lines = Object.entries(changes ?? {}).map(([field, change]) => `${field}: ${show(change.from)} → ${show(change.to)}`);
  const others = Object.entries(rest).map(([key, value]) => `${key}: ${show(value)}`);
  return [...lines, ...others];
}

export function AuditView({ tenantSlug }: PageProps) {
  const t = useTranslations("audit");
  const tAll = useAnyTranslations();
  const format = useFormat();
  const [area, setArea] = useState("");
  const { query, pager } = usePagedQuery<AuditPage>(tenantSlug, "audit", { area });
  // Actions are named "settings.update"; message keys cannot hold dots, so they read "settings-update".
  const actionWords = (action: string) => {
    const key = `audit.actions.${action.replace(".", "-")}`;
    return hasMessage(tAll, key) ? tAll(key) : action;
  };
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 max-w-xs">
        <SelectField label={t("area")} value={area} onChange={(event) => setArea(event.target.value)}>
          {AREAS.map((value) => (
            <option key={value} value={value}>
              {t(`areas.${value || "all"}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedTable
        query={query}
        pager={pager}
        rowsOf={(data) => data.events}
        label={t("tableLabel")}
        testId="audit-table"
        empty={<EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>}
        columns={[t("columns.when"), t("columns.who"), t("columns.what"), t("columns.details")]}
        renderRow={(event) => (
          <tr key={event.id} data-testid="audit-row" data-action={event.action}>
            <Td className="whitespace-nowrap">{format.dateTime(event.createdAt)}</Td>
            <Td className="break-all">{event.userEmail ?? NONE}</Td>
            <Td className="whitespace-nowrap">
              {actionWords(event.action)} <span className="text-xs text-slate-500">({event.target})</span>
            </Td>
            <Td className="min-w-64 max-w-xl">
              <ul className="space-y-0.5 break-all font-mono text-xs text-slate-700">
                {describeDetail(event.detail)
                  .slice(0, 8)
                  .map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
              </ul>
            </Td>
          </tr>
        )}
      />
    </div>
  );
}
