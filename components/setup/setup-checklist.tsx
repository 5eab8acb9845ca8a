"use client";

/**
 * The setup checklist (lib/setup/get-setup-status.ts): the overview shows it instead of the module
 * cards until the tenant is set up. Each step has its state, what is there or what to do, and a
 * link; the dry-run and switch-on steps carry each module's controls.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/format";
import { useAnyTranslations, useErrorText, useModuleLabel } from "@/components/i18n";
import { useTenantQuery, type Jsonify } from "@/components/tenant-query";
import { Card } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import type { SetupStatus, SetupStep } from "@/lib/setup/get-setup-status";
import { ModuleSetupRow } from "./module-setup-row";

export type SetupData = Jsonify<SetupStatus>;

/** Settings fields a step may name, to their labels in the settings namespace. */
const FIELD_LABELS: Record<string, "paymentTerms" | "collectionAccount" | "administration"> = {
  debtorPaymentTerms: "paymentTerms",
  debtorCollectionAccount: "collectionAccount",
  debtorAdministration: "administration",
};

/** A step's detail in the reader's language: its message under setup.details, filled from the server's values. */
function useStepDetail() {
  const tAll = useAnyTranslations();
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const errorText = useErrorText();
  return (step: Jsonify<SetupStep>): string => {
    const { key, values = {}, when, modules, fields, error } = step.text;
    const filled: Record<string, string | number> = { ...values };
    if (step.id === "cscart" || step.id === "visma") filled.who = tAll(`connectionKinds.${step.id === "cscart" ? "CSCART" : "VISMA"}`);
    if (when) filled.when = format.dateTime(when);
    if (modules) filled.modules = modules.map(moduleLabel).join(", ");
    if (fields) filled.fields = fields.map((field) => tAll(`settings.${FIELD_LABELS[field] ?? field}`)).join(", ");
    if (error) filled.error = errorText(error);
    const namespace = step.id === "orderStart" ? "orderStart.describe" : "setup.details";
    return tAll(`${namespace}.${key}`, filled);
  };
}

export function SetupChecklist({ tenantSlug, canEdit }: { tenantSlug: string; canEdit: boolean }) {
  const t = useTranslations("setup");
  const detail = useStepDetail();
  const query = useTenantQuery<SetupData>(tenantSlug, "setup", undefined, { refetchInterval: 5_000 });
  return (
    <Card title={t("title")} description={t("description")} testId="setup-checklist">
      <QueryView query={query} loadingLabel={t("loading")}>
        {(setup) => (
          <ol className="space-y-3">
            {setup.steps.map((step, index) => (
              <li
                key={step.id}
                id={step.id === "dryRun" ? "dry-run" : step.id}
                data-testid={`setup-step-${step.id}`}
                data-done={step.done}
                className={`rounded-md border p-3 ${step.done ? "border-green-200 bg-green-50/50" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <div className="flex items-center gap-2 font-medium">
                      <span
                        aria-hidden
                        className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${step.done ? "bg-green-600 text-white" : "bg-slate-200 text-slate-700"}`}
                      >
                        {step.done ? "✓" : index + 1}
                      </span>
                      {t(`steps.${step.id}`)}
                      <span className="sr-only">({step.done ? t("done") : t("open")})</span>
                    </div>
                    <p className="ml-8 mt-1 text-sm text-slate-600" data-testid="setup-step-detail">
                      {detail(step)}
                    </p>
                  </div>
                  {step.id !== "dryRun" && step.id !== "modules" && (
                    <Link href={step.href} className="text-sm text-brand-700 hover:underline">
                      {t("go")}
                    </Link>
                  )}
                </div>
                {(step.id === "dryRun" || step.id === "modules") && (
                  <div className="ml-8 mt-2 divide-y divide-slate-100">
                    {setup.modules.map((module) => (
                      <ModuleSetupRow
                        key={module.module}
                        tenantSlug={tenantSlug}
                        canEdit={canEdit}
                        status={module}
                        part={step.id === "dryRun" ? "dryRun" : "switch"}
                      />
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </Card>
  );
}
