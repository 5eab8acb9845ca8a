"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { useFormat } from "@/components/format";
import { useEnqueueText, useModuleLabel } from "@/components/i18n";
import { useModuleCatalog } from "@/components/module-catalog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CheckboxField, FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { startReimportSchemaFor } from "@/lib/settings/start-reimport.schema";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function ReimportCard({ tenantSlug, canEdit, reimportFrom }: { tenantSlug: string; canEdit: boolean; reimportFrom: string | null }) {
  // The modules whose definition offers re-import, e.g. product and customer import.
  const catalog = useModuleCatalog();
  const offered = useMemo(() => catalog.modules.filter((module) => module.reimport), [catalog]);
  const schema = useMemo(() => startReimportSchemaFor(offered.map((module) => module.id) as [string, ...string[]]), [offered]);
  const t = useTranslations("reimport");
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const enqueueText = useEnqueueText();
  const [from, setFrom] = useState("");
  const [modules, setModules] = useState<string[]>(offered.slice(0, 1).map((module) => module.id));
  const [confirming, setConfirming] = useState(false);
  const reimport = useApiMutation({
    mutationFn: async () =>
      apiFetch<{ results: EnqueueResult[] }>(tenantApi(tenantSlug, "settings/reimport"), { method: "POST", json: checkInput(schema, { from, modules }) }),
    invalidate: [
      [tenantSlug, "settings"],
      [tenantSlug, "overview"],
      [tenantSlug, "runs"],
    ],
    onSuccess: () => setConfirming(false),
  });
  const fieldsWrong = Object.keys(reimport.fieldErrors).length > 0;
  const toggle = (module: string, on: boolean) => setModules(on ? [...new Set([...modules, module])] : modules.filter((m) => m !== module));
  // Which records the confirmation names (messages: reimport.confirmBody): one module's record name, or both.
  const what = modules.length > 1 ? "both" : (offered.find((module) => module.id === modules[0])?.recordName ?? "");
  return (
    <Card title={t("title")} description={t("description")} testId="reimport-card">
      <fieldset disabled={!canEdit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr] sm:items-start">
          <TextField
            label={t("from")}
            type="date"
            max={today()}
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            error={reimport.fieldErrors.from}
          />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">{t("what")}</legend>
            {offered.map((module) => (
              <CheckboxField
                key={module.id}
                label={moduleLabel(module.id)}
                checked={modules.includes(module.id)}
                onChange={(event) => toggle(module.id, event.target.checked)}
              />
            ))}
            {reimport.fieldErrors.modules && (
              <p className="text-xs text-red-700" data-testid="field-error">
                {reimport.fieldErrors.modules}
              </p>
            )}
          </fieldset>
        </div>
        {reimportFrom && <p className="text-sm text-slate-600">{t("lastRequested", { when: format.dateTime(reimportFrom) })}</p>}
        <FormMessage error={!confirming || fieldsWrong ? reimport.formError : null} />
        {reimport.data && (
          <ul className="space-y-1 text-sm" role="status" data-testid="reimport-result">
            {reimport.data.results.map((result, index) => (
              <li key={index} className={result.queued ? "text-green-800" : "text-slate-700"}>
                {result.queued
                  ? t.rich("queued", {
                      link: (chunks) => (
                        <Link className="text-brand-700 underline" href={`/${tenantSlug}/runs/${result.runId}`}>
                          {chunks}
                        </Link>
                      ),
                    })
                  : enqueueText(result)}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <Button
            variant="secondary"
            onClick={() => {
              reimport.reset();
              setConfirming(true);
            }}
            disabled={reimport.isPending}
          >
            {t("button")}
          </Button>
        )}
      </fieldset>
      <ConfirmDialog
        open={confirming && !fieldsWrong}
        title={t("confirmTitle")}
        confirmLabel={t("confirmButton")}
        confirmVariant="primary"
        busy={reimport.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => reimport.mutate(undefined)}
      >
        {from && modules.length ? (
          <>
            <p>{t.rich("confirmBody", { date: format.longDate(from), what, strong: (chunks) => <strong>{chunks}</strong> })}</p>
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
