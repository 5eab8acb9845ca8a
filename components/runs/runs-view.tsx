"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime, formatDuration } from "@/components/format";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { PagedTable } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Td } from "@/components/ui/table";
import { useModuleCatalog } from "@/components/module-catalog";
import { usePagedQuery } from "@/components/use-paged-query";
import { RunStatus, RunTrigger } from "@/generated/prisma/enums";
import type { listRuns } from "@/lib/runs/list-runs";

type RunsPage = Jsonify<Awaited<ReturnType<typeof listRuns>>>;
export type RunRow = RunsPage["runs"][number];


export function runDuration(run: Pick<RunRow, "startedAt" | "finishedAt">): string {
  if (!run.startedAt) return "—";
  return formatDuration(new Date(run.finishedAt ?? Date.now()).getTime() - new Date(run.startedAt).getTime());
}

type RemoteCounts = { calls?: number; rateLimited?: number };

/**
 * "12 CS-Cart · 40 Visma.net (1 rate-limited)" from the run's call meter, which counts per remote
 * ("cscart", and "visma", "visma-connect", "visma-salesorder" for the Visma.net APIs).
 */
export function remoteCallsOf(run: Pick<RunRow, "remoteCalls">): string {
  const meter = Object.entries((run.remoteCalls ?? {}) as Record<string, RemoteCounts>);
  const sum = (prefix: string, key: keyof RemoteCounts) =>
    meter.filter(([remote]) => remote.startsWith(prefix)).reduce((total, [, counts]) => total + (counts?.[key] ?? 0), 0);
  const limited = sum("", "rateLimited");
  return `${sum("cscart", "calls")} CS-Cart · ${sum("visma", "calls")} Visma.net${limited ? ` (${limited} rate-limited)` : ""}`;
}

export function RunsView({ tenantSlug, initialFilters }: PageProps & { initialFilters: { module?: string; status?: string } }) {
  const catalog = useModuleCatalog();
  const [filters, setFilters] = useState({ module: initialFilters.module ?? "", status: initialFilters.status ?? "", trigger: "", from: "", to: "" });
  const set = (key: keyof typeof filters, value: string) => setFilters({ ...filters, [key]: value });
  // While runs are queued or running, the list refreshes itself.
  const { query, pager } = usePagedQuery<RunsPage>(tenantSlug, "runs", filters, { refetchInterval: (data) => (data?.active ? 2_000 : 20_000) });
  return (
    <div>
      <PageHeader title="Runs" description="Every sync run and dry run, newest first. Open one to see each record's outcome and retry failures." />
      {query.data && query.data.waiting.total > 0 && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="waiting-for-fix">
          {query.data.waiting.total} record(s) wait for a fix and are tried again automatically once it is made:{" "}
          {query.data.waiting.byModule.map((entry) => `${catalog.labelOf(entry.module)}: ${entry.reasons.map((reason) => `${reason.count} for ${reason.waitingFor}`).join(", ")}`).join("; ")}.
        </p>
      )}
      <form className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
        <SelectField label="Module" value={filters.module} onChange={(event) => set("module", event.target.value)}>
          <option value="">All modules</option>
          {catalog.modules.map((module) => <option key={module.id} value={module.id}>{module.label}</option>)}
        </SelectField>
        <SelectField label="Status" value={filters.status} onChange={(event) => set("status", event.target.value)}>
          <option value="">Any status</option>
          {Object.values(RunStatus).map((status) => <option key={status} value={status}>{status.toLowerCase()}</option>)}
        </SelectField>
        <SelectField label="Started by" value={filters.trigger} onChange={(event) => set("trigger", event.target.value)}>
          <option value="">Anything</option>
          {Object.values(RunTrigger).map((trigger) => <option key={trigger} value={trigger}>{trigger.toLowerCase()}</option>)}
        </SelectField>
        <TextField label="From" type="date" value={filters.from} onChange={(event) => set("from", event.target.value)} />
        <TextField label="To" type="date" value={filters.to} onChange={(event) => set("to", event.target.value)} />
      </form>
      <PagedTable query={query} pager={pager} rowsOf={(data) => data.runs} label="Runs" testId="runs-table"
        empty={<EmptyState title="No runs match">Runs appear here as soon as a module is queued.</EmptyState>}
        columns={["Module", "Status", "Started by", "Queued", "Duration", "Records", "Remote calls"]}
        renderRow={(run) => (
          <tr key={run.id} className="hover:bg-slate-50" data-testid="run-row" data-run-id={run.id}>
            <Td>
              <Link href={`/${tenantSlug}/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">{catalog.labelOf(run.module)}</Link>
              {run.dryRun && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-700" data-testid="dry-run-marker">dry run</span>}
            </Td>
            <Td><StatusBadge status={run.status} /></Td>
            <Td className="lowercase">{run.trigger}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(run.queuedAt)}</Td>
            <Td>{runDuration(run)}</Td>
            <Td className="whitespace-nowrap text-xs">
              {run.created} new · {run.updated} updated · {run.skipped} unchanged · <span className={run.failed ? "font-medium text-red-700" : undefined}>{run.failed} failed</span>
            </Td>
            <Td className="whitespace-nowrap text-xs">{remoteCallsOf(run)}</Td>
          </tr>
        )} />
    </div>
  );
}
