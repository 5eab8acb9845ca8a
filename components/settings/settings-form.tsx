"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { type Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { useModuleLabel } from "@/components/i18n";
import { CheckboxField, FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { SYNC_MODULES } from "@/lib/settings/defaults";
import type { TenantSettings } from "@/lib/settings/get-settings";
import { WarehouseFields } from "./warehouse-fields";

export type SettingsData = Jsonify<TenantSettings>;

/** Numbers are edited as text so a half-typed value is not lost; "" is sent as null and refused with a message. */
const toNumber = (text: string) => (text.trim() === "" ? null : Number(text));

function draftOf(settings: SettingsData) {
  return {
    orderOffset: String(settings.orderOffset),
    pricesIncludeVat: settings.pricesIncludeVat,
    shipOnExport: settings.shipOnExport,
    debtorPaymentTerms: settings.debtorPaymentTerms,
    debtorCollectionAccount: settings.debtorCollectionAccount,
    debtorAdministration: settings.debtorAdministration,
    failureEmailRecipients: settings.failureEmailRecipients.join("\n"),
    logRetentionDays: String(settings.logRetentionDays),
    storeLogs: settings.storeLogs,
    schedules: Object.fromEntries(SYNC_MODULES.map((m) => [m, { enabled: settings.schedules[m].enabled, intervalMinutes: String(settings.schedules[m].intervalMinutes) }])),
    warehouseMode: settings.stockWarehouses.mode,
    warehouseId: settings.stockWarehouses.mode === "one" ? settings.stockWarehouses.warehouseId : "",
    emailLocale: settings.emailLocale,
  };
}
type Draft = ReturnType<typeof draftOf>;

function recipientsOf(text: string): string[] {
  return text.split(/[\s,;]+/).map((value) => value.trim()).filter(Boolean);
}

function payloadOf(draft: Draft) {
  return {
    orderOffset: toNumber(draft.orderOffset),
    pricesIncludeVat: draft.pricesIncludeVat,
    shipOnExport: draft.shipOnExport,
    debtorPaymentTerms: draft.debtorPaymentTerms,
    debtorCollectionAccount: draft.debtorCollectionAccount,
    debtorAdministration: draft.debtorAdministration,
    failureEmailRecipients: recipientsOf(draft.failureEmailRecipients),
    logRetentionDays: toNumber(draft.logRetentionDays),
    storeLogs: draft.storeLogs,
    schedules: Object.fromEntries(SYNC_MODULES.map((m) => [m, { enabled: draft.schedules[m]!.enabled, intervalMinutes: toNumber(draft.schedules[m]!.intervalMinutes) }])),
    stockWarehouses: draft.warehouseMode === "one" ? { mode: "one", warehouseId: draft.warehouseId } : { mode: "sum" },
    emailLocale: draft.emailLocale,
  };
}


export function SettingsForm({ tenantSlug, canEdit, settings }: { tenantSlug: string; canEdit: boolean; settings: SettingsData }) {
  const t = useTranslations("settings");
  const tLocale = useTranslations("locale");
  const tCommon = useTranslations("common");
  const moduleLabel = useModuleLabel();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setSchedule = (module: string, change: Partial<Draft["schedules"][string]>) =>
    setDraft((current) => ({ ...current, schedules: { ...current.schedules, [module]: { ...current.schedules[module]!, ...change } } }));
  const save = useApiMutation({
    mutationFn: () => apiFetch<{ changed: string[] }>(tenantApi(tenantSlug, "settings"), { method: "PATCH", json: payloadOf(draft) }),
    invalidate: [[tenantSlug, "settings"], [tenantSlug, "overview"]],
    successMessage: (result) => (result.changed.length ? t("saved", { count: result.changed.length }) : t("unchanged")),
  });
  const errors = save.fieldErrors;
  /** Errors for list entries ("failureEmailRecipients.1") shown on the one textarea, naming the entry. */
  const recipientError = () => {
    const key = Object.keys(errors).find((name) => name.startsWith("failureEmailRecipients"));
    if (!key) return undefined;
    const index = Number(key.split(".")[1]);
    const recipient = recipientsOf(draft.failureEmailRecipients)[index];
    return Number.isInteger(index) && recipient !== undefined ? t("recipientError", { recipient, problem: errors[key]! }) : errors[key];
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("formLabel")}>
      <fieldset disabled={!canEdit} className="grid gap-4 lg:grid-cols-2">
        <Card title={t("orderExport")}>
          <div className="space-y-3">
            <TextField label={t("orderOffset")} inputMode="numeric" value={draft.orderOffset} onChange={(e) => set("orderOffset", e.target.value)} error={errors.orderOffset}
              hint={t("orderOffsetHint")} />
            <CheckboxField label={t("pricesIncludeVat")} checked={draft.pricesIncludeVat} onChange={(e) => set("pricesIncludeVat", e.target.checked)}
              hint={t("pricesIncludeVatHint")} />
            <CheckboxField label={t("shipOnExport")} checked={draft.shipOnExport} onChange={(e) => set("shipOnExport", e.target.checked)} />
          </div>
        </Card>
        <Card title={t("newCustomers")} description={t("newCustomersDescription")}>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label={t("paymentTerms")} value={draft.debtorPaymentTerms} onChange={(e) => set("debtorPaymentTerms", e.target.value)} error={errors.debtorPaymentTerms} />
            <TextField label={t("collectionAccount")} value={draft.debtorCollectionAccount} onChange={(e) => set("debtorCollectionAccount", e.target.value)} error={errors.debtorCollectionAccount} />
            <TextField label={t("administration")} value={draft.debtorAdministration} onChange={(e) => set("debtorAdministration", e.target.value)} error={errors.debtorAdministration} />
          </div>
        </Card>
        <Card title={t("schedules")} description={t("schedulesDescription")}>
          <div className="space-y-3">
            {SYNC_MODULES.map((module) => (
              <div key={module} className="grid grid-cols-[1fr_8rem] items-start gap-3">
                <CheckboxField className="pt-6" label={t("moduleOn", { module: moduleLabel(module) })} checked={draft.schedules[module]!.enabled}
                  onChange={(e) => setSchedule(module, { enabled: e.target.checked })} />
                <TextField label={t("moduleEvery", { module: moduleLabel(module) })} inputMode="numeric" value={draft.schedules[module]!.intervalMinutes}
                  onChange={(e) => setSchedule(module, { intervalMinutes: e.target.value })} error={errors[`schedules.${module}.intervalMinutes`]} />
              </div>
            ))}
          </div>
        </Card>
        <div className="space-y-4">
          <Card title={t("stock")}>
            <div className="grid gap-3 sm:grid-cols-2">
              <WarehouseFields label={t("warehouses")} mode={draft.warehouseMode} warehouseId={draft.warehouseId}
                error={errors["stockWarehouses.warehouseId"]} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />
            </div>
          </Card>
          <Card title={t("emailsAndLogs")}>
            <div className="space-y-3">
              <TextAreaField label={t("recipients")} rows={3} value={draft.failureEmailRecipients} onChange={(e) => set("failureEmailRecipients", e.target.value)}
                hint={t("recipientsHint")} error={recipientError()} />
              <SelectField label={t("emailLocale")} value={draft.emailLocale} onChange={(e) => set("emailLocale", e.target.value as Locale)}
                hint={t("emailLocaleHint")} error={errors.emailLocale}>
                {LOCALES.map((locale) => <option key={locale} value={locale}>{tLocale(locale)}</option>)}
              </SelectField>
              <TextField label={t("retention")} inputMode="numeric" value={draft.logRetentionDays} onChange={(e) => set("logRetentionDays", e.target.value)} error={errors.logRetentionDays} />
              <CheckboxField label={t("storeLogs")} checked={draft.storeLogs} onChange={(e) => set("storeLogs", e.target.checked)}
                hint={t("storeLogsHint")} />
            </div>
          </Card>
        </div>
      </fieldset>
      <div className="mt-4 space-y-2">
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && <Button type="submit" disabled={save.isPending}>{save.isPending ? tCommon("saving") : t("save")}</Button>}
      </div>
    </form>
  );
}
