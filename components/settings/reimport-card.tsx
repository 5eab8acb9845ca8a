"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { useEnqueueText, useModuleLabel } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CheckboxField, FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";

const REIMPORT_MODULES = ["PRODUCT_IMPORT", "CUSTOMER_IMPORT"] as const;
type Module = (typeof REIMPORT_MODULES)[number];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Which records the confirmation names: "product", "customer" or both (messages: reimport.confirmBody). */
function whatOf(modules: Module[]): "both" | "product" | "customer" {
  if (modules.length > 1) return "both";
  return modules[0] === "CUSTOMER_IMPORT" ? "customer" : "product";
}

export function ReimportCard({ tenantSlug, canEdit, reimportFrom }: { tenantSlug: string; canEdit: boolean; reimportFrom: string | null }) {
  const t = useTranslations("reimport");
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const enqueueText = useEnqueueText();
  const [from, setFrom] = useState("");
  const [modules, setModules] = useState<Module[]>(["PRODUCT_IMPORT"]);
  const [confirming, setConfirming] = useState(false);
  const reimport = useApiMutation({
    mutationFn: () => apiFetch<{ results: EnqueueResult[] }>(tenantApi(tenantSlug, "settings/reimport"), { method: "POST", json: { from, modules } }),
    invalidate: [[tenantSlug, "settings"], [tenantSlug, "overview"], [tenantSlug, "runs"]],
    onSuccess: () => setConfirming(false),
  });
  const fieldsWrong = Object.keys(reimport.fieldErrors).length > 0;
  const toggle = (module: Module, on: boolean) => setModules(on ? [...new Set([...modules, module])] : modules.filter((m) => m !== module));
  return (
    <Card title={t("title")} description={t("description")} testId="reimport-card">
      <fieldset disabled={!canEdit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr] sm:items-start">
          <TextField label={t("from")} type="date" max={today()} value={from} onChange={(event) => setFrom(event.target.value)} error={reimport.fieldErrors.from} />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">{t("what")}</legend>
            {REIMPORT_MODULES.map((module) => (
              <CheckboxField key={module} label={moduleLabel(module)} checked={modules.includes(module)} onChange={(event) => toggle(module, event.target.checked)} />
            ))}
            {reimport.fieldErrors.modules && <p className="text-xs text-red-700" data-testid="field-error">{reimport.fieldErrors.modules}</p>}
          </fieldset>
        </div>
        {reimportFrom && <p className="text-sm text-slate-600">{t("lastRequested", { when: format.dateTime(reimportFrom) })}</p>}
        <FormMessage error={!confirming || fieldsWrong ? reimport.formError : null} />
        {reimport.data && (
          <ul className="space-y-1 text-sm" role="status" data-testid="reimport-result">
            {reimport.data.results.map((result, index) => (
              <li key={index} className={result.queued ? "text-green-800" : "text-slate-700"}>
                {result.queued
                  ? t.rich("queued", { link: (chunks) => <Link className="text-brand-700 underline" href={`/${tenantSlug}/runs/${result.runId}`}>{chunks}</Link> })
                  : enqueueText(result)}
              </li>
            ))}
          </ul>
        )}
        {canEdit && <Button variant="secondary" onClick={() => { reimport.reset(); setConfirming(true); }} disabled={reimport.isPending}>{t("button")}</Button>}
      </fieldset>
      <ConfirmDialog open={confirming && !fieldsWrong} title={t("confirmTitle")} confirmLabel={t("confirmButton")} confirmVariant="primary"
        busy={reimport.isPending} onCancel={() => setConfirming(false)} onConfirm={() => reimport.mutate(undefined)}>
        {from && modules.length ? (
          <>
            <p>{t.rich("confirmBody", { date: format.longDate(from), what: whatOf(modules), strong: (chunks) => <strong>{chunks}</strong> })}</p>
            <p>{t("confirmNote")}</p>
          </>
        ) : (
          <p>{t("pickFirst")}</p>
        )}
        {confirming && reimport.formError && <FormMessage error={reimport.formError} />}
      </ConfirmDialog>
    </Card>
  );
}
