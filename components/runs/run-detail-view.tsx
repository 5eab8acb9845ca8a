"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/layout";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EmptyState, QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager, Table, Td, Th } from "@/components/ui/table";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { useModuleCatalog } from "@/components/module-catalog";
import { usePagedQuery } from "@/components/use-paged-query";
import type { ItemState } from "@/generated/prisma/enums";
import type { getRun } from "@/lib/runs/get-run";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";
import { DryRunResultView } from "./dry-run-result";
import { remoteCallsOf, runDuration } from "./runs-view";

type RunDetail = Jsonify<Awaited<ReturnType<typeof getRun>>>;

/** The tabs, in the order a person looks for them; every ledger state has its words. */
const STATE_WORDS: Record<ItemState | "", string> = { "": "All", FAILED: "Failed", DONE: "Done", SKIPPED: "Unchanged", PENDING: "Pending", CLAIMED: "In progress" };
const STATES = Object.keys(STATE_WORDS) as (ItemState | "")[];

export function RunDetailView({ tenantSlug, canEdit, runId }: PageProps & { runId: string }) {
  const catalog = useModuleCatalog();
  const [state, setState] = useState("");
  const { query, pager } = usePagedQuery<RunDetail>(tenantSlug, `runs/${runId}`, { state }, {
    refetchInterval: (data) => (data && ["QUEUED", "RUNNING"].includes(data.run.status) ? 2_000 : false),
  });
  const invalidate = [[tenantSlug, `runs/${runId}`], [tenantSlug, "runs"], [tenantSlug, "overview"]];
  const describe = (result: EnqueueResult) => (result.queued ? "Retry queued: watch the run list for the new run." : result.reason);
  const retryOne = useApiMutation({
    mutationFn: (itemIds: string[]) => apiFetch<EnqueueResult>(tenantApi(tenantSlug, "items/retry"), { method: "POST", json: { itemIds } }),
    invalidate,
    successMessage: describe,
  });
  const [confirmAll, setConfirmAll] = useState(false);
  const retryAll = useApiMutation({
    mutationFn: () => apiFetch<EnqueueResult>(tenantApi(tenantSlug, `runs/${runId}/retry`), { method: "POST" }),
    invalidate,
    successMessage: describe,
    onSuccess: () => setConfirmAll(false),
  });
  return (
    <div>
      <Link href={`/${tenantSlug}/runs`} className="text-sm text-brand-700 hover:underline">← All runs</Link>
      <QueryView query={query}>
        {({ run, dryRun, items, itemCounts }) => {
          const failed = itemCounts.FAILED ?? 0;
          return (
            <div className="mt-2 space-y-4">
              <PageHeader title={run.dryRun ? `${catalog.labelOf(run.module)} dry run` : `${catalog.labelOf(run.module)} run`}
                description={`Started by ${run.trigger.toLowerCase()} · queued ${formatDateTime(run.queuedAt)}${run.dryRun ? " · a dry run: nothing was written" : ""}`}
                actions={<StatusBadge status={run.status} />} />
              <Card testId="run-summary">
                <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
                  <Fact label="Started">{formatDateTime(run.startedAt)}</Fact>
                  <Fact label="Finished">{formatDateTime(run.finishedAt)}</Fact>
                  <Fact label="Duration">{runDuration(run)}</Fact>
                  <Fact label="Remote calls">{remoteCallsOf(run)}</Fact>
                  <Fact label={run.dryRun ? "Would create" : "Created"}>{run.created}</Fact>
                  <Fact label={run.dryRun ? "Would update" : "Updated"}>{run.updated}</Fact>
                  <Fact label="Unchanged">{run.skipped}</Fact>
                  <Fact label={run.dryRun ? "Would fail" : "Failed"}>{run.failed}</Fact>
                </dl>
                {run.status === "RUNNING" && (
                  <div className="mt-3 space-y-1 text-xs text-slate-600">
                    <span>{run.total ? `${run.processed} of ${run.total} records` : `${run.processed} records so far`}</span>
                    <ProgressBar percent={run.total ? Math.round((run.processed / run.total) * 100) : null} label="Run progress" />
                  </div>
                )}
                {run.error && <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="run-error">{run.error}</p>}
                <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
                  <Link href={`/${tenantSlug}/logs?runId=${run.id}`} className="text-brand-700 hover:underline">This run's log →</Link>
                  {canEdit && failed > 0 && <Button variant="secondary" onClick={() => setConfirmAll(true)}>Retry all {failed} failed record(s)</Button>}
                </div>
                <div className="mt-2"><FormMessage error={retryAll.formError ?? retryOne.formError} success={retryAll.success ?? retryOne.success} /></div>
              </Card>
              {dryRun && <DryRunResultView result={dryRun} />}
              {!run.dryRun && <>
              <div role="tablist" aria-label="Record outcome" className="flex flex-wrap gap-1">
                {STATES.map((value) => (
                  <button key={value} role="tab" type="button" aria-selected={state === value} onClick={() => setState(value)}
                    className={`rounded-full border px-3 py-1 text-sm ${state === value ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-700"}`}>
                    {STATE_WORDS[value]}{value && ` (${itemCounts[value as keyof typeof itemCounts] ?? 0})`}
                  </button>
                ))}
              </div>
              {items.length === 0 ? (
                <EmptyState title="No records here">{state ? "No record of this run has this outcome." : "This run touched no records (yet)."}</EmptyState>
              ) : (
                <>
                  <Table label="Records of this run" testId="run-items">
                    <thead><tr><Th>Record</Th><Th>Outcome</Th><Th>Attempts</Th><Th>Reason</Th><Th>Target</Th><Th>Updated</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
                    <tbody className="divide-y divide-slate-100">
                      {items.map((item) => (
                        <tr key={item.id} data-testid="run-item" data-external-id={item.externalId} data-state={item.state}>
                          <Td className="font-mono text-xs">{item.externalId}</Td>
                          <Td><StatusBadge status={item.state} /></Td>
                          <Td>{item.attempts}</Td>
                          <Td className="min-w-56 max-w-md">
                            {item.lastError ? <span className="text-red-800">{item.lastError}</span> : "—"}
                            {item.errorKind && <span className="ml-1 text-xs text-slate-500">({item.errorKind})</span>}
                            {item.state === "FAILED" && item.waitingFor && (
                              <div className="mt-0.5 text-xs text-slate-600" data-testid="waiting-for">Waits for {item.waitingFor}: tried again automatically after that changes.</div>
                            )}
                          </Td>
                          <Td className="font-mono text-xs">{item.targetId ?? "—"}</Td>
                          <Td className="whitespace-nowrap">{formatDateTime(item.updatedAt)}</Td>
                          <Td className="text-right">
                            {canEdit && item.state === "FAILED" && (
                              <Button variant="ghost" size="sm" onClick={() => retryOne.mutate([item.id])} disabled={retryOne.isPending} aria-label={`Retry ${item.externalId}`}>Retry</Button>
                            )}
                          </Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                  <Pager {...pager} />
                </>
              )}
              </>}
              <ConfirmDialog open={confirmAll} title="Retry all failed records?" confirmLabel={`Retry ${failed} record(s)`} confirmVariant="primary"
                busy={retryAll.isPending} onCancel={() => setConfirmAll(false)} onConfirm={() => retryAll.mutate(undefined)}>
                <p>A new {catalog.labelOf(run.module).toLowerCase()} run sends the {failed} failed record(s) of this run again. Fix their cause first (e.g. a missing SKU), or they fail again.</p>
              </ConfirmDialog>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
