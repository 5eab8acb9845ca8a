"use client";

/** One module in the checklist: its last dry run and a "Dry run" button, or its switch with what it still needs. */
import Link from "next/link";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { useModuleCatalog } from "@/components/module-catalog";
import { DryRunButton } from "@/components/overview/dry-run-button";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { SetupData } from "./setup-checklist";

const TEXT = {
  noDryRun: "No dry run yet.",
  lastDryRun: (at: string) => `Last dry run ${at}:`,
  wouldDo: (create: number, update: number, failed: number) => `would create ${create}, update ${update}, fail ${failed}`,
  readIt: "read what it would do",
  on: "On",
  off: "Off",
  turnOn: (label: string) => `Turn on ${label}`,
  turnOff: (label: string) => `Turn off ${label}`,
  turnOnShort: "Turn on",
  turnOffShort: "Turn off",
  needs: "Needs first:",
};

export function ModuleSetupRow({ tenantSlug, canEdit, status, part }: { tenantSlug: string; canEdit: boolean; status: SetupData["modules"][number]; part: "dryRun" | "switch" }) {
  const entry = useModuleCatalog().byId(status.module)!;
  const toggle = useApiMutation({
    mutationFn: (enabled: boolean) => apiFetch(tenantApi(tenantSlug, `modules/${entry.slug}`), { method: "PUT", json: { enabled } }),
    invalidate: [[tenantSlug, "setup"], [tenantSlug, "overview"], [tenantSlug, "settings"]],
  });
  const missing = status.switchOnChecks.filter((check) => !check.met);
  const dryRun = status.lastDryRun;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 py-2" data-testid={`setup-module-${entry.slug}`}>
      <div className="min-w-0 space-y-1 text-sm">
        <div className="font-medium">{entry.label}</div>
        {part === "dryRun" ? (
          dryRun ? (
            <div className="flex flex-wrap items-center gap-2 text-slate-600">
              <span>{TEXT.lastDryRun(formatDateTime(dryRun.finishedAt))}</span>
              <StatusBadge status={dryRun.status} />
              {dryRun.finishedAt && <span>{TEXT.wouldDo(dryRun.created, dryRun.updated, dryRun.failed)}</span>}
              <Link href={`/${tenantSlug}/runs/${dryRun.id}`} className="text-brand-700 hover:underline">{TEXT.readIt} →</Link>
            </div>
          ) : (
            <div className="text-slate-600">{TEXT.noDryRun}</div>
          )
        ) : (
          <>
            <div className="flex items-center gap-2"><StatusBadge status={status.enabled ? "OK" : "UNTESTED"} /><span className="text-slate-600">{status.enabled ? TEXT.on : TEXT.off}</span></div>
            {!status.enabled && missing.length > 0 && (
              <div className="text-xs text-slate-600" data-testid="switch-on-missing">
                {TEXT.needs}
                <ul className="ml-4 list-disc">{missing.map((check) => <li key={check.id}>{check.reason}</li>)}</ul>
              </div>
            )}
            {toggle.formError && <p className="text-xs text-red-700" role="alert">{toggle.formError}</p>}
          </>
        )}
      </div>
      {canEdit && part === "dryRun" && <DryRunButton tenantSlug={tenantSlug} moduleSlug={entry.slug} label={entry.label} />}
      {canEdit && part === "switch" && (
        <Button variant={status.enabled ? "secondary" : "primary"} disabled={toggle.isPending || (!status.enabled && missing.length > 0)}
          aria-label={status.enabled ? TEXT.turnOff(entry.label) : TEXT.turnOn(entry.label)} onClick={() => toggle.mutate(!status.enabled)}>
          {status.enabled ? TEXT.turnOffShort : TEXT.turnOnShort}
        </Button>
      )}
    </div>
  );
}
