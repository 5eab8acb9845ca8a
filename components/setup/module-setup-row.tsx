"use client";

/** One module in the checklist: its last dry run and a "Dry run" button, or its switch with what it still needs. */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { useModuleLabel } from "@/components/i18n";
import { useModuleCatalog } from "@/components/module-catalog";
import { DryRunButton } from "@/components/overview/dry-run-button";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { SetupData } from "./setup-checklist";

/** A switch-on check in the reader's words, by its id (lib/sync/engine/prerequisites.ts); one the messages lack keeps its English reason. */
function useCheckText() {
  const t = useTranslations("setup.checks");
  const moduleLabel = useModuleLabel();
  return (check: SetupData["modules"][number]["switchOnChecks"][number]): string => {
    const [id, module] = check.id.split(":");
    switch (id) {
      case "connections-ready":
      case "connections-tested":
      case "order-export-start-chosen":
      case "taxes-and-categories-mapped":
      case "debtor-defaults-valid":
        return t(id);
      case "dry-run-reviewed":
        return t("dry-run-reviewed", { module: moduleLabel(module ?? "") });
      default:
        return check.reason ?? check.description;
    }
  };
}

export function ModuleSetupRow({
  tenantSlug,
  canEdit,
  status,
  part,
}: {
  tenantSlug: string;
  canEdit: boolean;
  status: SetupData["modules"][number];
  part: "dryRun" | "switch";
}) {
  const t = useTranslations("setup.module");
  const format = useFormat();
  const checkText = useCheckText();
  const label = useModuleLabel()(status.module);
  const entry = useModuleCatalog().byId(status.module)!;
  const toggle = useApiMutation({
    mutationFn: (enabled: boolean) => apiFetch(tenantApi(tenantSlug, `modules/${entry.slug}`), { method: "PUT", json: { enabled } }),
    invalidate: [
      [tenantSlug, "setup"],
      [tenantSlug, "overview"],
      [tenantSlug, "settings"],
    ],
  });
  const missing = status.switchOnChecks.filter((check) => !check.met);
  const dryRun = status.lastDryRun;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 py-2" data-testid={`setup-module-${entry.slug}`}>
      <div className="min-w-0 space-y-1 text-sm">
        <div className="font-medium">{label}</div>
        {part === "dryRun" ? (
          dryRun ? (
            <div className="flex flex-wrap items-center gap-2 text-slate-600">
              <span>{t("lastDryRun", { when: format.dateTime(dryRun.finishedAt) })}</span>
              <StatusBadge status={dryRun.status} />
              {dryRun.finishedAt && <span>{t("wouldDo", { create: dryRun.created, update: dryRun.updated, failed: dryRun.failed })}</span>}
              <Link href={`/${tenantSlug}/runs/${dryRun.id}`} className="text-brand-700 hover:underline">
                {t("readIt")}
              </Link>
            </div>
          ) : (
            <div className="text-slate-600">{t("noDryRun")}</div>
          )
        ) : (
          <>
            <div className="text-slate-600" data-testid="module-switch-state">
              {status.enabled ? t("on") : t("off")}
            </div>
            {!status.enabled && missing.length > 0 && (
              <div className="text-xs text-slate-600" data-testid="switch-on-missing">
                {t("needs")}
                <ul className="ml-4 list-disc">
                  {missing.map((check) => (
                    <li key={check.id}>{checkText(check)}</li>
                  ))}
                </ul>
              </div>
            )}
            {toggle.formError && (
              <p className="text-xs text-red-700" role="alert">
                {toggle.formError}
              </p>
            )}
          </>
        )}
      </div>
      {canEdit && part === "dryRun" && <DryRunButton tenantSlug={tenantSlug} moduleSlug={entry.slug} label={label} />}
      {canEdit && part === "switch" && (
        <Button
          variant={status.enabled ? "secondary" : "primary"}
          disabled={toggle.isPending || (!status.enabled && missing.length > 0)}
          aria-label={status.enabled ? t("turnOff", { module: label }) : t("turnOn", { module: label })}
          onClick={() => toggle.mutate(!status.enabled)}
        >
          {status.enabled ? t("turnOffShort") : t("turnOnShort")}
        </Button>
      )}
    </div>
  );
}
