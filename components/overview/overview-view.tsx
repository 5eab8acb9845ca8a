"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/format";
import { useAnyTranslations, useErrorText, useModuleLabel } from "@/components/i18n";
import { useTenantQuery, type Jsonify, type PageProps } from "@/components/tenant-query";
import { Card, PageHeader } from "@/components/ui/layout";
import { ProgressBar } from "@/components/ui/progress-bar";
import { QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useModuleCatalog } from "@/components/module-catalog";
import type { getOverview } from "@/lib/overview/get-overview";
import { SetupChecklist, type SetupData } from "@/components/setup/setup-checklist";
import { DryRunButton } from "./dry-run-button";
import { OpenAlerts } from "./open-alerts";
import { RunNowButton } from "./run-now-button";
import { ThroughputChart } from "./throughput-chart";

type Overview = Jsonify<Awaited<ReturnType<typeof getOverview>>>;
type ModuleStatus = Overview["modules"][number];

export function OverviewView({ tenantSlug, tenantName, canEdit }: PageProps & { tenantName: string }) {
  const t = useTranslations("overview");
  const tAll = useAnyTranslations();
  const format = useFormat();
  const errorText = useErrorText();
  // Refresh quickly while something runs, slowly otherwise.
  const query = useTenantQuery<Overview>(tenantSlug, "overview", undefined, {
    refetchInterval: (current) => (current.state.data?.active ? 2_000 : 15_000),
  });
  // Until the tenant is set up (lib/setup/get-setup-status.ts), the checklist takes the place of the
  // module cards; a module already switched on keeps its card (with Run now) meanwhile.
  const setup = useTenantQuery<SetupData>(tenantSlug, "setup", undefined, { refetchInterval: 5_000 });
  const setUp = setup.data?.setUp === true;
  const cardsOf = (modules: Overview["modules"]) => (setUp ? modules : modules.filter((status) => status.schedule.enabled));
  return (
    <div className="space-y-6">
      <PageHeader title={tenantName} description={t("description")} />
      <QueryView query={query} loadingLabel={t("loading")}>
        {(overview) => (
          <>
            <OpenAlerts tenantSlug={tenantSlug} alerts={overview.alerts} receivesAlerts={canEdit} />
            <section aria-labelledby="connections-heading">
              <h2 id="connections-heading" className="mb-2 text-lg font-medium">
                {t("connectionsHeading")}
              </h2>
              <div className="grid gap-3 md:grid-cols-2">
                {overview.connections.map((connection) => (
                  <Card key={connection.kind} testId={`connection-${connection.kind}`}>
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-medium">{tAll(`connectionKinds.${connection.kind}`)}</span>
                      <StatusBadge status={connection.status} />
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {!connection.configured
                        ? t("notSetUp")
                        : connection.lastCheckedAt
                          ? t("lastChecked", { when: format.dateTime(connection.lastCheckedAt) })
                          : t("notChecked")}
                    </p>
                    {connection.lastError && (
                      <p className="mt-1 text-sm text-red-700" data-testid="connection-error">
                        {errorText({ code: connection.lastErrorCode, message: connection.lastError, params: connection.lastErrorParams })}
                      </p>
                    )}
                    <Link href={`/${tenantSlug}/connections`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
                      {connection.configured ? t("checkOrChange") : t("setUp")}
                    </Link>
                  </Card>
                ))}
              </div>
            </section>
            {setup.data && !setUp && <SetupChecklist tenantSlug={tenantSlug} canEdit={canEdit} />}
            {setup.data && cardsOf(overview.modules).length > 0 && (
              <section aria-labelledby="modules-heading">
                <h2 id="modules-heading" className="mb-1 text-lg font-medium">
                  {t("modulesHeading")}
                </h2>
                <p className="mb-2 text-sm text-slate-600" data-testid="workers-online">
                  {overview.workersOnline > 0 ? t("workersOnline", { count: overview.workersOnline }) : t("noWorker")}
                </p>
                <div className="grid gap-3 md:grid-cols-2">
                  {cardsOf(overview.modules).map((status) => (
                    <ModuleCard key={status.module} status={status} tenantSlug={tenantSlug} canEdit={canEdit} />
                  ))}
                </div>
              </section>
            )}
            <Card title={t("chartTitle")} description={t("chartDescription")}>
              <ThroughputChart buckets={overview.hourly} />
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

function ModuleCard({ status, tenantSlug, canEdit }: { status: ModuleStatus; tenantSlug: string; canEdit: boolean }) {
  const { module, lastRun, activeRun, nextRunAt, schedule, failingRecords } = status;
  const { slug } = useModuleCatalog().byId(module)!;
  const t = useTranslations("overview");
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const errorText = useErrorText();
  const label = moduleLabel(module);
  const tAll = useAnyTranslations();
  return (
    <Card testId={`module-${slug}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0 space-y-1 text-sm">
          <div className="text-base font-medium">{label}</div>
          <div className="flex flex-wrap items-center gap-2 text-slate-600">
            <span>{t("lastRun")}</span>
            {lastRun ? (
              <>
                <StatusBadge status={lastRun.status} />
                <Link href={`/${tenantSlug}/runs/${lastRun.id}`} className="text-brand-700 hover:underline">
                  {format.dateTime(lastRun.finishedAt)}
                </Link>
              </>
            ) : (
              <span>{t("noneYet")}</span>
            )}
          </div>
          {lastRun && (
            <div className="text-xs text-slate-600" data-testid="last-run-counts">
              {t("counts", { created: lastRun.created, updated: lastRun.updated, skipped: lastRun.skipped, failed: lastRun.failed })}
            </div>
          )}
          {lastRun?.error && (
            <div className="text-xs text-red-700" data-testid="last-run-error">
              {errorText({ code: lastRun.errorCode, message: lastRun.error, params: lastRun.errorParams })}
            </div>
          )}
          {activeRun?.rateLimitedUntil && (
            <div className="text-xs text-amber-800" data-testid="rate-limited-until">
              {tAll("runs.rateLimitedUntil", { when: format.dateTime(activeRun.rateLimitedUntil) })}
            </div>
          )}
          <div className="text-slate-600" data-testid="next-run">
            {schedule.enabled ? t("nextRun", { when: format.relative(nextRunAt), minutes: schedule.intervalMinutes }) : t("nextRunOff")}
          </div>
          {failingRecords > 0 && (
            <Link href={`/${tenantSlug}/runs?module=${module}&status=`} className="block text-red-700 hover:underline" data-testid="failing-records">
              {t("failingRecords", { count: failingRecords })}
            </Link>
          )}
        </div>
        {canEdit && (
          <div className="flex shrink-0 flex-col items-end gap-2">
            <RunNowButton tenantSlug={tenantSlug} moduleSlug={slug} label={label} />
            <DryRunButton tenantSlug={tenantSlug} moduleSlug={slug} label={label} />
          </div>
        )}
      </div>
      {activeRun && (
        <div className="mt-3 space-y-1 rounded-md bg-blue-50 p-2 text-xs text-blue-900" data-testid="active-run">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="flex items-center gap-2">
              <StatusBadge status={activeRun.status} /> {t("since", { when: format.dateTime(activeRun.startedAt ?? activeRun.queuedAt) })}
            </span>
            <span>
              {activeRun.progress.total
                ? t("progressOf", { processed: activeRun.progress.processed, total: activeRun.progress.total })
                : t("progressDone", { processed: activeRun.progress.processed })}
              {activeRun.progress.etaSeconds !== null && t("eta", { duration: format.duration(activeRun.progress.etaSeconds * 1000) })}
            </span>
          </div>
          {activeRun.status === "RUNNING" && <ProgressBar percent={activeRun.progress.percent} label={t("progressLabel", { module: label })} />}
        </div>
      )}
    </Card>
  );
}
