"use client";

import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { PagedTable } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/states";
import { Td } from "@/components/ui/table";
import { usePagedQuery } from "@/components/use-paged-query";
import type { listAuditEvents } from "@/lib/audit/list-audit";

type AuditPage = Jsonify<Awaited<ReturnType<typeof listAuditEvents>>>;

const ACTION_WORDS: Record<string, string> = {
  "settings.update": "changed settings",
  "settings.reimport": "started a re-import",
  "mapping.save": "saved a mapping",
  "mapping.restore": "restored a mapping version",
  "connection.save": "changed a connection",
  "connection.test": "tested a connection",
  "sync.run": "ran a module now",
  "sync.retry": "retried records",
  "logs.delete": "deleted all logs",
  "team.add": "added a team member",
  "team.role": "changed a role",
  "team.remove": "removed a team member",
};

const AREAS: [string, string][] = [["", "Everything"], ["settings", "Settings"], ["mapping", "Mappings"], ["connection", "Connections"], ["sync", "Runs and retries"], ["logs", "Logs"], ["team", "Team"]];

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
  const [area, setArea] = useState("");
  const { query, pager } = usePagedQuery<AuditPage>(tenantSlug, "audit", { area });
  return (
    <div>
      <PageHeader title="Audit log" description="Who changed which setting, mapping, connection or team member, and when." />
      <div className="mb-4 max-w-xs">
        <SelectField label="Area" value={area} onChange={(event) => setArea(event.target.value)}>
          {AREAS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </SelectField>
      </div>
      <PagedTable query={query} pager={pager} rowsOf={(data) => data.events} label="Audit events" testId="audit-table"
        empty={<EmptyState title="Nothing changed yet">Every change made in this dashboard is recorded here.</EmptyState>}
        columns={["When", "Who", "What", "Details"]}
        renderRow={(event) => (
          <tr key={event.id} data-testid="audit-row" data-action={event.action}>
            <Td className="whitespace-nowrap">{formatDateTime(event.createdAt)}</Td>
            <Td className="break-all">{event.userEmail ?? "—"}</Td>
            <Td className="whitespace-nowrap">{ACTION_WORDS[event.action] ?? event.action} <span className="text-xs text-slate-500">({event.target})</span></Td>
            <Td className="min-w-64 max-w-xl">
              <ul className="space-y-0.5 break-all font-mono text-xs text-slate-700">
                {describeDetail(event.detail).slice(0, 8).map((line, index) => <li key={index}>{line}</li>)}
              </ul>
            </Td>
          </tr>
        )} />
    </div>
  );
}
