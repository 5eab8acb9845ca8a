"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { NONE, useFormat } from "@/components/format";
import { useAnyTranslations, useModuleLabel } from "@/components/i18n";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { PagedTable } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Td } from "@/components/ui/table";
import { useModuleCatalog } from "@/components/module-catalog";
import { useWaitingForText } from "./waiting-for-text";
import { usePagedQuery } from "@/components/use-paged-query";
import { RunStatus, RunTrigger } from "@/generated/prisma/enums";
import type { listRuns } from "@/lib/runs/list-runs";

type RunsPage = Jsonify<Awaited<ReturnType<typeof listRuns>>>;
export type RunRow = RunsPage["runs"][number];

type RemoteCounts = { calls?: number; rateLimited?: number };

/**
 * How long a run took, and its remote calls as "12 CS-Cart · 40 Visma.net (1 rate-limited)" from
 * the run's call meter, which counts per remote ("cscart", and "visma", "visma-connect",
 * "visma-salesorder" for the Visma.net APIs).
 */
export function useRunFacts() {
  const t = useTranslations("runs");
  const format = useFormat();
  const duration = useCallback(
    (run: Pick<RunRow, "startedAt" | "finishedAt">) =>
      run.startedAt ? format.duration(new Date(run.finishedAt ?? Date.now()).getTime() - new Date(run.startedAt).getTime()) : NONE,
    [format],
  );
  const remoteCalls = useCallback(
    (run: Pick<RunRow, "remoteCalls">) => {
      const meter = Object.entries((run.remoteCalls ?? {}) as Record<string, RemoteCounts>);
      const sum = (prefix: string, key: keyof RemoteCounts) =>
        meter.filter(([remote]) => remote.startsWith(prefix)).reduce((total, [, counts]) => total + (counts?.[key] ?? 0), 0);
      const limited = sum("", "rateLimited");
      return t("remoteCalls", { cscart: sum("cscart", "calls"), visma: sum("visma", "calls") }) + (limited ? t("rateLimited", { count: limited }) : "");
    },
    [t],
  );
  return { duration, remoteCalls };
}

export function RunsView({ tenantSlug, initialFilters }: PageProps & { initialFilters: { module?: string; status?: string } }) {
  const t = useTranslations("runs");
  const tAll = useAnyTranslations();
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const waitingForText = useWaitingForText();
  const facts = useRunFacts();
  const catalog = useModuleCatalog();
  const [filters, setFilters] = useState({ module: initialFilters.module ?? "", status: initialFilters.status ?? "", trigger: "", from: "", to: "" });
  const set = (key: keyof typeof filters, value: string) => setFilters({ ...filters, [key]: value });
  // While runs are queued or running, the list refreshes itself.
  const { query, pager } = usePagedQuery<RunsPage>(tenantSlug, "runs", filters, { refetchInterval: (data) => (data?.active ? 2_000 : 20_000) });
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      {query.data && query.data.waiting.total > 0 && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="waiting-for-fix">
          {t("waiting", { count: query.data.waiting.total })}{" "}
          {query.data.waiting.byModule
            .flatMap((entry) =>
              entry.reasons.map((reason) =>
                t("waitingEntry", { module: moduleLabel(entry.module), count: reason.count, what: waitingForText(reason.waitingFor) }),
              ),
            )
            .join("; ")}
        </p>
      )}
      <form className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5" aria-label={t("filterLabel")} onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t("module")} value={filters.module} onChange={(event) => set("module", event.target.value)}>
          <option value="">{t("allModules")}</option>
          {catalog.modules.map((module) => (
            <option key={module.id} value={module.id}>
              {moduleLabel(module.id)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("status")} value={filters.status} onChange={(event) => set("status", event.target.value)}>
          <option value="">{t("anyStatus")}</option>
          {Object.values(RunStatus).map((status) => (
            <option key={status} value={status}>
              {tAll(`status.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("startedBy")} value={filters.trigger} onChange={(event) => set("trigger", event.target.value)}>
          <option value="">{t("anything")}</option>
          {Object.values(RunTrigger).map((trigger) => (
            <option key={trigger} value={trigger}>
              {tAll(`triggers.${trigger}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("from")} type="date" value={filters.from} onChange={(event) => set("from", event.target.value)} />
        <TextField label={t("to")} type="date" value={filters.to} onChange={(event) => set("to", event.target.value)} />
      </form>
      <PagedTable
        query={query}
        pager={pager}
        rowsOf={(data) => data.runs}
        label={t("tableLabel")}
        testId="runs-table"
        empty={<EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>}
        columns={[
          t("columns.module"),
          t("columns.status"),
          t("columns.startedBy"),
          t("columns.queued"),
          t("columns.duration"),
          t("columns.records"),
          t("columns.remoteCalls"),
        ]}
        renderRow={(run) => (
          <tr key={run.id} className="hover:bg-slate-50" data-testid="run-row" data-run-id={run.id}>
            <Td>
              <Link href={`/${tenantSlug}/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">
                {moduleLabel(run.module)}
              </Link>
              {run.dryRun && (
                <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-700" data-testid="dry-run-marker">
                  {t("dryRunMarker")}
                </span>
              )}
            </Td>
            <Td>
              <StatusBadge status={run.status} />
              {run.rateLimitedUntil && (
                <div className="mt-1 text-xs text-amber-800" data-testid="rate-limited-until">
                  {tAll("runs.rateLimitedUntil", { when: format.dateTime(run.rateLimitedUntil) })}
                </div>
              )}
            </Td>
            <Td>{tAll(`triggers.${run.trigger}`)}</Td>
            <Td className="whitespace-nowrap">{format.dateTime(run.queuedAt)}</Td>
            <Td>{facts.duration(run)}</Td>
            <Td className="whitespace-nowrap text-xs">
              {t("records", { created: run.created, updated: run.updated, skipped: run.skipped })}{" "}
              <span className={run.failed ? "font-medium text-red-700" : undefined}>{t("failedRecords", { failed: run.failed })}</span>
            </Td>
            <Td className="whitespace-nowrap text-xs">{facts.remoteCalls(run)}</Td>
          </tr>
        )}
      />
    </div>
  );
}
