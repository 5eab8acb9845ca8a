"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { apiFetch } from "@/components/api-client";
import { NONE, useFormat } from "@/components/format";
import { useAnyTranslations, useEnqueueText, useErrorText, useModuleLabel } from "@/components/i18n";
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
import { usePagedQuery } from "@/components/use-paged-query";
import type { ItemState } from "@/generated/prisma/enums";
import { hasMessage } from "@/lib/i18n/translate-error";
import type { getRun } from "@/lib/runs/get-run";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";
import { DryRunResultView } from "./dry-run-result";
import { useRunFacts } from "./runs-view";
import { useWaitingForText } from "./waiting-for-text";

type RunDetail = Jsonify<Awaited<ReturnType<typeof getRun>>>;

/** The tabs, in the order a person looks for them (words at runDetail.states). */
const STATES = ["FAILED", "DONE", "SKIPPED", "PENDING", "CLAIMED"] as const satisfies readonly ItemState[];

export function RunDetailView({ tenantSlug, canEdit, runId }: PageProps & { runId: string }) {
  const t = useTranslations("runDetail");
  const waitingForText = useWaitingForText();
  const tAll = useAnyTranslations();
  const format = useFormat();
  const facts = useRunFacts();
  const moduleLabel = useModuleLabel();
  const errorText = useErrorText();
  const enqueueText = useEnqueueText();
  const [state, setState] = useState("");
  const { query, pager } = usePagedQuery<RunDetail>(
    tenantSlug,
    `runs/${runId}`,
    { state },
    {
      refetchInterval: (data) => (data && ["QUEUED", "RUNNING"].includes(data.run.status) ? 2_000 : false),
    },
  );
  const invalidate = [
    [tenantSlug, `runs/${runId}`],
    [tenantSlug, "runs"],
    [tenantSlug, "overview"],
  ];
  const describe = (result: EnqueueResult) => (result.queued ? t("retryQueued") : enqueueText(result));
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
      <Link href={`/${tenantSlug}/runs`} className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <QueryView query={query}>
        {({ run, dryRun, items, itemCounts }) => {
          const failed = itemCounts.FAILED ?? 0;
          return (
            <div className="mt-2 space-y-4">
              <PageHeader
                title={run.dryRun ? t("dryRunTitle", { module: moduleLabel(run.module) }) : t("title", { module: moduleLabel(run.module) })}
                description={[
                  t("description", { trigger: tAll(`triggers.${run.trigger}`), when: format.dateTime(run.queuedAt) }),
                  ...(run.dryRun ? [t("dryRunNote")] : []),
                ].join(" · ")}
                actions={<StatusBadge status={run.status} />}
              />
              <Card testId="run-summary">
                <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
                  <Fact label={t("started")}>{format.dateTime(run.startedAt)}</Fact>
                  <Fact label={t("finished")}>{format.dateTime(run.finishedAt)}</Fact>
                  <Fact label={t("duration")}>{facts.duration(run)}</Fact>
                  <Fact label={t("remoteCalls")}>{facts.remoteCalls(run)}</Fact>
                  {/* A dry run's counts are what a run would do. */}
                  <Fact label={run.dryRun ? t("wouldCreate") : t("created")}>{run.created}</Fact>
                  <Fact label={run.dryRun ? t("wouldUpdate") : t("updated")}>{run.updated}</Fact>
                  <Fact label={t("unchanged")}>{run.skipped}</Fact>
                  <Fact label={run.dryRun ? t("wouldFail") : t("failed")}>{run.failed}</Fact>
                </dl>
                {run.status === "RUNNING" && (
                  <div className="mt-3 space-y-1 text-xs text-slate-600">
                    <span>
                      {run.total ? t("progressOf", { processed: run.processed, total: run.total }) : t("progressSoFar", { processed: run.processed })}
                    </span>
                    <ProgressBar percent={run.total ? Math.round((run.processed / run.total) * 100) : null} label={t("progressLabel")} />
                  </div>
                )}
                {run.rateLimitedUntil && (
                  <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="rate-limited-until">
                    {tAll("runs.rateLimitedUntil", { when: format.dateTime(run.rateLimitedUntil) })}
                  </p>
                )}
                {run.error && (
                  <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="run-error">
                    {errorText({ code: run.errorCode, message: run.error, params: run.errorParams })}
                  </p>
                )}
                <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
                  <Link href={`/${tenantSlug}/logs?runId=${run.id}`} className="text-brand-700 hover:underline">
                    {t("runLog")}
                  </Link>
                  {canEdit && failed > 0 && (
                    <Button variant="secondary" onClick={() => setConfirmAll(true)}>
                      {t("retryAll", { count: failed })}
                    </Button>
                  )}
                </div>
                <div className="mt-2">
                  <FormMessage error={retryAll.formError ?? retryOne.formError} success={retryAll.success ?? retryOne.success} />
                </div>
              </Card>
              {dryRun && <DryRunResultView result={dryRun} />}
              {/* A dry run touched no ledger row: its findings above are all there is. */}
              {!run.dryRun && (
                <>
                  <div role="tablist" aria-label={t("outcomeLabel")} className="flex flex-wrap gap-1">
                    {(["", ...STATES] as const).map((value) => (
                      <button
                        key={value}
                        role="tab"
                        type="button"
                        aria-selected={state === value}
                        onClick={() => setState(value)}
                        className={`rounded-full border px-3 py-1 text-sm ${state === value ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-700"}`}
                      >
                        {value ? t("stateCount", { state: t(`states.${value}`), count: itemCounts[value] ?? 0 }) : t("states.all")}
                      </button>
                    ))}
                  </div>
                  {items.length === 0 ? (
                    <EmptyState title={t("emptyTitle")}>{state ? t("emptyFiltered") : t("emptyAll")}</EmptyState>
                  ) : (
                    <>
                      <Table label={t("tableLabel")} testId="run-items">
                        <thead>
                          <tr>
                            <Th>{t("columns.record")}</Th>
                            <Th>{t("columns.outcome")}</Th>
                            <Th>{t("columns.attempts")}</Th>
                            <Th>{t("columns.reason")}</Th>
                            <Th>{t("columns.target")}</Th>
                            <Th>{t("columns.updated")}</Th>
                            <Th>
                              <span className="sr-only">{tAll("common.actions")}</span>
                            </Th>
                          </tr>
                        </thead>
                        <tbody className="divide-y divide-slate-100">
                          {items.map((item) => (
                            <tr key={item.id} data-testid="run-item" data-external-id={item.externalId} data-state={item.state}>
                              <Td className="font-mono text-xs">{item.externalId}</Td>
                              <Td>
                                <StatusBadge status={item.state} />
                              </Td>
                              <Td>{item.attempts}</Td>
                              <Td className="min-w-56 max-w-md">
                                {item.lastError ? (
                                  <span className="text-red-800">{errorText({ code: item.errorCode, message: item.lastError, params: item.errorParams })}</span>
                                ) : (
                                  NONE
                                )}
                                {item.errorKind && (
                                  <span className="ml-1 text-xs text-slate-500">
                                    (
                                    {hasMessage(tAll, `runDetail.errorKinds.${item.errorKind}`)
                                      ? tAll(`runDetail.errorKinds.${item.errorKind}`)
                                      : item.errorKind}
                                    )
                                  </span>
                                )}
                                {item.state === "FAILED" && item.waitingFor && (
                                  <div className="mt-0.5 text-xs text-slate-600" data-testid="waiting-for">
                                    {t("waitsFor", { what: waitingForText(item.waitingFor) })}
                                  </div>
                                )}
                              </Td>
                              <Td className="font-mono text-xs">{item.targetId ?? NONE}</Td>
                              <Td className="whitespace-nowrap">{format.dateTime(item.updatedAt)}</Td>
                              <Td className="text-right">
                                {canEdit && item.state === "FAILED" && (
                                  <Button
                                    variant="ghost"
                                    size="sm"
                                    onClick={() => retryOne.mutate([item.id])}
                                    disabled={retryOne.isPending}
                                    aria-label={t("retryOne", { record: item.externalId })}
                                  >
                                    {tAll("common.retry")}
                                  </Button>
                                )}
                              </Td>
                            </tr>
                          ))}
                        </tbody>
                      </Table>
                      <Pager {...pager} />
                    </>
                  )}
                </>
              )}
              <ConfirmDialog
                open={confirmAll}
                title={t("confirmTitle")}
                confirmLabel={t("confirmButton", { count: failed })}
                confirmVariant="primary"
                busy={retryAll.isPending}
                onCancel={() => setConfirmAll(false)}
                onConfirm={() => retryAll.mutate(undefined)}
              >
                <p>{t("confirmBody", { module: moduleLabel(run.module), count: failed })}</p>
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
