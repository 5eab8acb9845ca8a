"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { PagedTable } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Td } from "@/components/ui/table";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { useModuleCatalog } from "@/components/module-catalog";
import { usePagedQuery } from "@/components/use-paged-query";
import { LogLevel } from "@/generated/prisma/enums";
import type { listLogs } from "@/lib/logs/list-logs";

type LogsPage = Jsonify<Awaited<ReturnType<typeof listLogs>>>;

export function LogsView({ tenantSlug, canEdit, runId }: PageProps & { runId?: string }) {
  const catalog = useModuleCatalog();
  const [filters, setFilters] = useState({ level: "", module: "", q: "", from: "", to: "", runId: runId ?? "" });
  const [search, setSearch] = useState("");
  const set = (key: keyof typeof filters, value: string) => setFilters({ ...filters, [key]: value });
  const { query, pager } = usePagedQuery<LogsPage>(tenantSlug, "logs", filters, { refetchInterval: () => 15_000 });
  const [confirming, setConfirming] = useState(false);
  const deleteAll = useApiMutation({
    mutationFn: () => apiFetch<{ deleted: number }>(tenantApi(tenantSlug, "logs"), { method: "DELETE" }),
    invalidate: [[tenantSlug, "logs"]],
    successMessage: (result) => `Deleted ${result.deleted} log entries.`,
    onSuccess: () => setConfirming(false),
  });
  const retention = query.data?.retention;
  return (
    <div>
      <PageHeader title="Logs" description={
        retention ? (
          <span data-testid="retention">
            {retention.storeLogs ? `Entries are kept for ${retention.days} day(s), then deleted automatically.` : "Storing logs is switched off in Settings: no new entries are kept."}
          </span>
        ) : undefined
      } actions={canEdit && <Button variant="danger" onClick={() => setConfirming(true)}>Delete all logs…</Button>} />
      <form className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-6" aria-label="Filter logs" onSubmit={(event) => { event.preventDefault(); set("q", search); }}>
        <SelectField label="Level" value={filters.level} onChange={(event) => set("level", event.target.value)} hint="This level and worse">
          <option value="">Any level</option>
          {Object.values(LogLevel).map((level) => <option key={level} value={level}>{level.toLowerCase()}</option>)}
        </SelectField>
        <SelectField label="Module" value={filters.module} onChange={(event) => set("module", event.target.value)}>
          <option value="">All modules</option>
          {catalog.modules.map((module) => <option key={module.id} value={module.id}>{module.label}</option>)}
        </SelectField>
        <TextField label="From" type="date" value={filters.from} onChange={(event) => set("from", event.target.value)} />
        <TextField label="To" type="date" value={filters.to} onChange={(event) => set("to", event.target.value)} />
        <div className="col-span-2 flex items-end gap-2">
          <TextField className="flex-1" label="Search messages" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          <Button type="submit" variant="secondary">Search</Button>
        </div>
      </form>
      {filters.runId && (
        <p className="mb-3 text-sm text-slate-600">Showing one run's entries. <button type="button" className="text-brand-700 underline" onClick={() => set("runId", "")}>Show all</button></p>
      )}
      <div className="mb-3"><FormMessage error={deleteAll.formError} success={deleteAll.success} /></div>
      <PagedTable query={query} pager={pager} rowsOf={(data) => data.entries} label="Log entries" testId="log-table"
        empty={<EmptyState title="No log entries match">Try a wider date range or another level.</EmptyState>}
        columns={["Time", "Level", "Module", "Message"]}
        renderRow={(entry) => (
          <tr key={entry.id} data-testid="log-row">
            <Td className="whitespace-nowrap">{formatDateTime(entry.createdAt)}</Td>
            <Td><StatusBadge status={entry.level} /></Td>
            <Td className="whitespace-nowrap">{entry.module ? catalog.labelOf(entry.module) : "—"}</Td>
            <Td className="min-w-64">
              <div>{entry.message}</div>
              {entry.context != null && (
                <details className="mt-1 text-xs text-slate-500">
                  <summary className="cursor-pointer">Details</summary>
                  <pre className="mt-1 max-w-xl overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(entry.context, null, 2)}</pre>
                </details>
              )}
            </Td>
          </tr>
        )} />
      <ConfirmDialog open={confirming} title="Delete all logs?" confirmLabel="Delete all logs" busy={deleteAll.isPending}
        onCancel={() => setConfirming(false)} onConfirm={() => deleteAll.mutate(undefined)}>
        <p>Every log entry of this shop is deleted now, for all modules and dates. This cannot be undone.</p>
        <p>Runs and their record outcomes stay; only the log lines go.</p>
      </ConfirmDialog>
    </div>
  );
}
