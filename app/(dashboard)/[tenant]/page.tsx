import { RunNowButton } from "@/components/overview/run-now-button";
import { StatusBadge } from "@/components/ui/status-badge";
import { guardPage } from "@/lib/auth/guard";
import { canEdit } from "@/lib/auth/roles";
import { CONNECTION_LABELS, MODULE_LABELS, MODULE_SLUGS } from "@/lib/labels";
import { getOverview } from "@/lib/overview/get-overview";

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await guardPage((await params).tenant);
  const overview = await getOverview(ctx.tenant.id);
  const editable = canEdit(ctx.role);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{ctx.tenant.name}</h1>
      <section aria-labelledby="connections-heading">
        <h2 id="connections-heading" className="mb-2 text-lg font-medium">Connections</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {overview.connections.map((connection) => (
            <div key={connection.kind} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`connection-${connection.kind}`}>
              <div className="flex items-center justify-between">
                <span className="font-medium">{CONNECTION_LABELS[connection.kind]}</span>
                <StatusBadge status={connection.configured ? connection.status : "UNTESTED"} />
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {!connection.configured
                  ? "Not set up yet."
                  : connection.lastCheckedAt
                    ? `Last checked ${connection.lastCheckedAt.toLocaleString("en-GB")}`
                    : "Not checked yet."}
              </p>
              {connection.lastError && <p className="mt-1 text-sm text-red-700">{connection.lastError}</p>}
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading" className="mb-2 text-lg font-medium">Sync modules</h2>
        <p className="mb-2 text-sm text-slate-600">
          {overview.workersOnline > 0 ? `${overview.workersOnline} worker(s) online.` : "No worker is online: syncs wait until one starts."}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {overview.modules.map(({ module, lastRun, failingRecords }) => (
            <div key={module} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`module-${MODULE_SLUGS[module]}`}>
              <div className="flex items-start justify-between gap-2">
                <div>
                  <div className="font-medium">{MODULE_LABELS[module]}</div>
                  <div className="mt-1 text-sm text-slate-600">
                    {lastRun ? (
                      <span className="flex items-center gap-2">
                        <StatusBadge status={lastRun.status} />
                        {(lastRun.finishedAt ?? lastRun.queuedAt).toLocaleString("en-GB")}
                      </span>
                    ) : (
                      "No runs yet."
                    )}
                  </div>
                  {lastRun && (
                    <div className="mt-1 text-xs text-slate-600">
                      {lastRun.created} created · {lastRun.updated} updated · {lastRun.skipped} unchanged · {lastRun.failed} failed
                    </div>
                  )}
                  {failingRecords > 0 && <div className="mt-1 text-sm text-red-700">{failingRecords} record(s) failing</div>}
                </div>
                {editable && <RunNowButton tenantSlug={ctx.tenant.slug} moduleSlug={MODULE_SLUGS[module]} label={MODULE_LABELS[module]} />}
              </div>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
