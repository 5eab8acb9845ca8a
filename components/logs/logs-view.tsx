"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { NONE, useFormat } from "@/components/format";
import { useModuleLabel, useRunLogText } from "@/components/i18n";
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
  const t = useTranslations("logs");
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const runLogText = useRunLogText();
  const tStatus = useTranslations("status");
  const tCommon = useTranslations("common");
  const [filters, setFilters] = useState({ level: "", module: "", q: "", from: "", to: "", runId: runId ?? "" });
  const [search, setSearch] = useState("");
  const set = (key: keyof typeof filters, value: string) => setFilters({ ...filters, [key]: value });
  const { query, pager } = usePagedQuery<LogsPage>(tenantSlug, "logs", filters, { refetchInterval: () => 15_000 });
  const [confirming, setConfirming] = useState(false);
  const deleteAll = useApiMutation({
    mutationFn: () => apiFetch<{ deleted: number }>(tenantApi(tenantSlug, "logs"), { method: "DELETE" }),
    invalidate: [[tenantSlug, "logs"]],
    successMessage: (result) => t("deleted", { count: result.deleted }),
    onSuccess: () => setConfirming(false),
  });
  const retention = query.data?.retention;
  return (
    <div>
      <PageHeader
        title={t("title")}
        description={
          retention ? <span data-testid="retention">{retention.storeLogs ? t("retention", { days: retention.days }) : t("storingOff")}</span> : undefined
        }
        actions={
          canEdit && (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t("deleteAll")}
            </Button>
          )
        }
      />
      <form
        className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-6"
        aria-label={t("filterLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          set("q", search);
        }}
      >
        <SelectField label={t("level")} value={filters.level} onChange={(event) => set("level", event.target.value)} hint={t("levelHint")}>
          <option value="">{t("anyLevel")}</option>
          {Object.values(LogLevel).map((level) => (
            <option key={level} value={level}>
              {tStatus(level)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("module")} value={filters.module} onChange={(event) => set("module", event.target.value)}>
          <option value="">{t("allModules")}</option>
          {catalog.modules.map((module) => (
            <option key={module.id} value={module.id}>
              {moduleLabel(module.id)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("from")} type="date" value={filters.from} onChange={(event) => set("from", event.target.value)} />
        <TextField label={t("to")} type="date" value={filters.to} onChange={(event) => set("to", event.target.value)} />
        <div className="col-span-2 flex items-end gap-2">
          <TextField className="flex-1" label={t("search")} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          <Button type="submit" variant="secondary">
            {t("searchButton")}
          </Button>
        </div>
      </form>
      {filters.runId && (
        <p className="mb-3 text-sm text-slate-600">
          {t("oneRun")}{" "}
          <button type="button" className="text-brand-700 underline" onClick={() => set("runId", "")}>
            {t("showAll")}
          </button>
        </p>
      )}
      <div className="mb-3">
        <FormMessage error={deleteAll.formError} success={deleteAll.success} />
      </div>
      <PagedTable
        query={query}
        pager={pager}
        rowsOf={(data) => data.entries}
        label={t("tableLabel")}
        testId="log-table"
        empty={<EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>}
        columns={[t("columns.time"), t("columns.level"), t("columns.module"), t("columns.message")]}
        renderRow={(entry) => (
          <tr key={entry.id} data-testid="log-row">
            <Td className="whitespace-nowrap">{format.dateTime(entry.createdAt)}</Td>
            <Td>
              <StatusBadge status={entry.level} />
            </Td>
            <Td className="whitespace-nowrap">{entry.module ? moduleLabel(entry.module) : NONE}</Td>
            <Td className="min-w-64">
              <div>{runLogText(entry)}</div>
              {entry.context != null && (
                <details className="mt-1 text-xs text-slate-500">
                  <summary className="cursor-pointer">{tCommon("details")}</summary>
                  <pre className="mt-1 max-w-xl overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(entry.context, null, 2)}</pre>
                </details>
              )}
            </Td>
          </tr>
        )}
      />
      <ConfirmDialog
        open={confirming}
        title={t("confirmTitle")}
        confirmLabel={t("confirmButton")}
        busy={deleteAll.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => deleteAll.mutate(undefined)}
      >
        <p>{t("confirmBody")}</p>
        <p>{t("confirmKeeps")}</p>
      </ConfirmDialog>
    </div>
  );
}
