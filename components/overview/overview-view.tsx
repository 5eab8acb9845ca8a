"use client";

import Link from "next/link";
import { formatDateTime, formatDuration, formatRelative } from "@/components/format";
import { useTenantQuery, type Jsonify, type PageProps } from "@/components/tenant-query";
import { Card, PageHeader } from "@/components/ui/layout";
import { ProgressBar } from "@/components/ui/progress-bar";
import { QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { useModuleCatalog } from "@/components/module-catalog";
import { CONNECTION_LABELS } from "@/lib/labels";
import type { getOverview } from "@/lib/overview/get-overview";
import { SetupChecklist, type SetupData } from "@/components/setup/setup-checklist";
import { DryRunButton } from "./dry-run-button";
import { RunNowButton } from "./run-now-button";
import { ThroughputChart } from "./throughput-chart";

type Overview = Jsonify<Awaited<ReturnType<typeof getOverview>>>;
type ModuleStatus = Overview["modules"][number];

export function OverviewView({ tenantSlug, tenantName, canEdit }: PageProps & { tenantName: string }) {
  // Refresh quickly while something runs, slowly otherwise.
  const query = useTenantQuery<Overview>(tenantSlug, "overview", undefined, {
    refetchInterval: (current) => (current.state.data?.active ? 2_000 : 15_000),
  });
  // Until the tenant is set up, the checklist takes the module cards' place.
  const setup = useTenantQuery<SetupData>(tenantSlug, "setup", undefined, { refetchInterval: 5_000 });
  const setUp = setup.data?.setUp === true;
  return (
    <div className="space-y-6">
      <PageHeader title={tenantName} description="How the link between your shop and Visma.net is doing." />
      <QueryView query={query} loadingLabel="Loading the overview…">
        {(overview) => (
          <>
            <section aria-labelledby="connections-heading">
              <h2 id="connections-heading" className="mb-2 text-lg font-medium">Connections</h2>
              <div className="grid gap-3 md:grid-cols-2">
                {overview.connections.map((connection) => (
                  <Card key={connection.kind} testId={`connection-${connection.kind}`}>
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-medium">{CONNECTION_LABELS[connection.kind]}</span>
                      <StatusBadge status={connection.status} />
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {!connection.configured ? "Not set up yet." : connection.lastCheckedAt ? `Last checked ${formatDateTime(connection.lastCheckedAt)}` : "Not checked yet."}
                    </p>
                    {connection.lastError && <p className="mt-1 text-sm text-red-700" data-testid="connection-error">{connection.lastError}</p>}
                    <Link href={`/${tenantSlug}/connections`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
                      {connection.configured ? "Check or change" : "Set up"} →
                    </Link>
                  </Card>
                ))}
              </div>
            </section>
            {setup.data && !setUp && <SetupChecklist tenantSlug={tenantSlug} canEdit={canEdit} />}
            {setUp && <section aria-labelledby="modules-heading">
              <h2 id="modules-heading" className="mb-1 text-lg font-medium">Sync modules</h2>
              <p className="mb-2 text-sm text-slate-600" data-testid="workers-online">
                {overview.workersOnline > 0 ? `${overview.workersOnline} worker(s) online.` : "No worker is online: syncs wait until one starts."}
              </p>
              <div className="grid gap-3 md:grid-cols-2">
                {overview.modules.map((status) => (
                  <ModuleCard key={status.module} status={status} tenantSlug={tenantSlug} canEdit={canEdit} />
                ))}
              </div>
            </section>}
            <Card title="Records synced per hour" description="Created and updated records over the last three days.">
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
  const { slug, label } = useModuleCatalog().byId(module)!;
  return (
    <Card testId={`module-${slug}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0 space-y-1 text-sm">
          <div className="text-base font-medium">{label}</div>
          <div className="flex flex-wrap items-center gap-2 text-slate-600">
            <span>Last run:</span>
            {lastRun ? (
              <>
                <StatusBadge status={lastRun.status} />
                <Link href={`/${tenantSlug}/runs/${lastRun.id}`} className="text-brand-700 hover:underline">{formatDateTime(lastRun.finishedAt)}</Link>
              </>
            ) : (
              <span>none yet</span>
            )}
          </div>
          {lastRun && (
            <div className="text-xs text-slate-600" data-testid="last-run-counts">
              {lastRun.created} created · {lastRun.updated} updated · {lastRun.skipped} unchanged · {lastRun.failed} failed
            </div>
          )}
          {lastRun?.error && <div className="text-xs text-red-700">{lastRun.error}</div>}
          <div className="text-slate-600" data-testid="next-run">
            Next run: {schedule.enabled ? `${formatRelative(nextRunAt)} (every ${schedule.intervalMinutes} min)` : "switched off in Settings"}
          </div>
          {failingRecords > 0 && (
            <Link href={`/${tenantSlug}/runs?module=${module}&status=`} className="block text-red-700 hover:underline" data-testid="failing-records">
              {failingRecords} record(s) failing
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
            <span className="flex items-center gap-2"><StatusBadge status={activeRun.status} /> since {formatDateTime(activeRun.startedAt ?? activeRun.queuedAt)}</span>
            <span>
              {activeRun.progress.total ? `${activeRun.progress.processed} of ${activeRun.progress.total}` : `${activeRun.progress.processed} done`}
              {activeRun.progress.etaSeconds !== null && ` · about ${formatDuration(activeRun.progress.etaSeconds * 1000)} left`}
            </span>
          </div>
          {activeRun.status === "RUNNING" && <ProgressBar percent={activeRun.progress.percent} label={`${label} progress`} />}
        </div>
      )}
    </Card>
  );
}
