"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { useModuleCatalog } from "@/components/module-catalog";
import { type Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { useModuleLabel, useVariantText } from "@/components/i18n";
import { CheckboxField, FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import type { TenantSettings } from "@/lib/settings/get-settings";
import { settingsPatchSchemaFor } from "@/lib/settings/update-settings.schema";
import { debtorDefaultProblems } from "@/lib/settings/debtor-defaults-check";
import { WarehouseFields } from "./warehouse-fields";
import { PickField } from "@/components/pick-lists/pick-field";
import { RefreshPickLists } from "@/components/pick-lists/refresh-pick-lists";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";

export type SettingsData = Jsonify<TenantSettings>;

/** Numbers are edited as text so a half-typed value is not lost; "" is sent as null and refused with a message. */
const toNumber = (text: string) => (text.trim() === "" ? null : Number(text));

const schedulesOf = (settings: SettingsData) => settings.schedules as Record<string, { enabled: boolean; intervalMinutes: number }>;

function draftOf(settings: SettingsData, moduleIds: string[]) {
  return {
    pricesIncludeVat: settings.pricesIncludeVat,
    shipOnExport: settings.shipOnExport,
    debtorPaymentTerms: settings.debtorPaymentTerms,
    debtorCollectionAccount: settings.debtorCollectionAccount,
    debtorAdministration: settings.debtorAdministration,
    failureEmailRecipients: settings.failureEmailRecipients.join("\n"),
    logRetentionDays: String(settings.logRetentionDays),
    storeLogs: settings.storeLogs,
    schedules: Object.fromEntries(
      moduleIds.map((m) => [m, { enabled: schedulesOf(settings)[m]!.enabled, intervalMinutes: String(schedulesOf(settings)[m]!.intervalMinutes) }]),
    ),
    warehouseMode: settings.stockWarehouses.mode,
    warehouseId: settings.stockWarehouses.mode === "one" ? settings.stockWarehouses.warehouseId : "",
    emailLocale: settings.emailLocale,
    alertReminderHours: String(settings.alertReminderHours),
    alertFailedRuns: String(settings.alertFailedRuns),
    alertPendingOrderHours: String(settings.alertPendingOrderHours),
  };
}
type Draft = ReturnType<typeof draftOf>;

function recipientsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((value) => value.trim())
    .filter(Boolean);
}

function payloadOf(draft: Draft) {
  return {
    pricesIncludeVat: draft.pricesIncludeVat,
    shipOnExport: draft.shipOnExport,
    debtorPaymentTerms: draft.debtorPaymentTerms,
    debtorCollectionAccount: draft.debtorCollectionAccount,
    debtorAdministration: draft.debtorAdministration,
    failureEmailRecipients: recipientsOf(draft.failureEmailRecipients),
    logRetentionDays: toNumber(draft.logRetentionDays),
    storeLogs: draft.storeLogs,
    schedules: Object.fromEntries(
      Object.entries(draft.schedules).map(([m, schedule]) => [m, { enabled: schedule.enabled, intervalMinutes: toNumber(schedule.intervalMinutes) }]),
    ),
    stockWarehouses: draft.warehouseMode === "one" ? { mode: "one", warehouseId: draft.warehouseId } : { mode: "sum" },
    emailLocale: draft.emailLocale,
    alertReminderHours: toNumber(draft.alertReminderHours),
    alertFailedRuns: toNumber(draft.alertFailedRuns),
    alertPendingOrderHours: toNumber(draft.alertPendingOrderHours),
  };
}

export function SettingsForm({ tenantSlug, canEdit, settings }: { tenantSlug: string; canEdit: boolean; settings: SettingsData }) {
  const { modules } = useModuleCatalog();
  const schema = useMemo(() => settingsPatchSchemaFor(modules), [modules]);
  const [draft, setDraft] = useState(() =>
    draftOf(
      settings,
      modules.map((module) => module.id),
    ),
  );
  const t = useTranslations("settings");
  const tLocale = useTranslations("locale");
  const tCommon = useTranslations("common");
  const moduleLabel = useModuleLabel();
  const findingText = useVariantText("debtorCheck");
  // The remotes' own values (lib/pick-lists) beside the ids; typing an id stays possible.
  const pick = usePickLists(tenantSlug);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setSchedule = (module: string, change: Partial<Draft["schedules"][string]>) =>
    setDraft((current) => ({ ...current, schedules: { ...current.schedules, [module]: { ...current.schedules[module]!, ...change } } }));
  const save = useApiMutation({
    mutationFn: async () => apiFetch<{ changed: string[] }>(tenantApi(tenantSlug, "settings"), { method: "PATCH", json: checkInput(schema, payloadOf(draft)) }),
    invalidate: [
      [tenantSlug, "settings"],
      [tenantSlug, "overview"],
    ],
    successMessage: (result) => (result.changed.length ? t("saved", { count: result.changed.length }) : t("unchanged")),
  });
  // Defaults the last connection test found missing in Visma.net show red until they are changed.
  const debtorProblems = Object.entries(debtorDefaultProblems(settings.debtorDefaultsCheck, draft)).map(([field, finding]) => [field, findingText(finding)]);
  const errors: Record<string, string> = { ...Object.fromEntries(debtorProblems), ...save.fieldErrors };
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
            <CheckboxField
              label={t("pricesIncludeVat")}
              checked={draft.pricesIncludeVat}
              onChange={(e) => set("pricesIncludeVat", e.target.checked)}
              hint={t("pricesIncludeVatHint")}
            />
            <CheckboxField label={t("shipOnExport")} checked={draft.shipOnExport} onChange={(e) => set("shipOnExport", e.target.checked)} />
            <p className="text-sm text-slate-600">
              {t.rich("orderMappingLink", {
                link: (chunks) => (
                  <a className="text-brand-700 underline" href={`/${tenantSlug}/mappings/orders`}>
                    {chunks}
                  </a>
                ),
              })}
            </p>
          </div>
        </Card>
        <Card title={t("newCustomers")} description={t("newCustomersDescription")}>
          <div className="grid gap-3 sm:grid-cols-3">
            <PickField
              label={t("paymentTerms")}
              value={draft.debtorPaymentTerms}
              options={pick.options("visma.creditTerms")}
              onChange={(value) => set("debtorPaymentTerms", value)}
              error={errors.debtorPaymentTerms}
            />
            <TextField
              label={t("collectionAccount")}
              value={draft.debtorCollectionAccount}
              onChange={(e) => set("debtorCollectionAccount", e.target.value)}
              error={errors.debtorCollectionAccount}
            />
            <PickField
              label={t("administration")}
              value={draft.debtorAdministration}
              options={pick.options("visma.branches")}
              onChange={(value) => set("debtorAdministration", value)}
              error={errors.debtorAdministration}
            />
          </div>
          <div className="mt-3">
            <RefreshPickLists tenantSlug={tenantSlug} source="visma" lists={pick.lists} canEdit={canEdit} />
          </div>
        </Card>
        <Card title={t("schedules")} description={t("schedulesDescription")}>
          <div className="space-y-3">
            {modules.map(({ id }) => (
              <div key={id} className="grid grid-cols-[1fr_8rem] items-start gap-3">
                <CheckboxField
                  className="pt-6"
                  label={t("moduleOn", { module: moduleLabel(id) })}
                  checked={draft.schedules[id]!.enabled}
                  onChange={(e) => setSchedule(id, { enabled: e.target.checked })}
                />
                <TextField
                  label={t("moduleEvery", { module: moduleLabel(id) })}
                  inputMode="numeric"
                  value={draft.schedules[id]!.intervalMinutes}
                  onChange={(e) => setSchedule(id, { intervalMinutes: e.target.value })}
                  error={errors[`schedules.${id}.intervalMinutes`]}
                />
              </div>
            ))}
          </div>
        </Card>
        <div className="space-y-4">
          <Card title={t("stock")}>
            <div className="grid gap-3 sm:grid-cols-2">
              <WarehouseFields
                label={t("warehouses")}
                mode={draft.warehouseMode}
                warehouseId={draft.warehouseId}
                warehouses={pick.options("visma.warehouses")}
                error={errors["stockWarehouses.warehouseId"]}
                onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
              />
            </div>
          </Card>
          <Card title={t("emailsAndLogs")}>
            <div className="space-y-3">
              <TextAreaField
                label={t("recipients")}
                rows={3}
                value={draft.failureEmailRecipients}
                onChange={(e) => set("failureEmailRecipients", e.target.value)}
                hint={t("recipientsHint")}
                error={recipientError()}
              />
              <SelectField
                label={t("emailLocale")}
                value={draft.emailLocale}
                onChange={(e) => set("emailLocale", e.target.value as Locale)}
                hint={t("emailLocaleHint")}
                error={errors.emailLocale}
              >
                {LOCALES.map((locale) => (
                  <option key={locale} value={locale}>
                    {tLocale(locale)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t("retention")}
                inputMode="numeric"
                value={draft.logRetentionDays}
                onChange={(e) => set("logRetentionDays", e.target.value)}
                error={errors.logRetentionDays}
              />
              <CheckboxField label={t("storeLogs")} checked={draft.storeLogs} onChange={(e) => set("storeLogs", e.target.checked)} hint={t("storeLogsHint")} />
            </div>
          </Card>
          <Card title={t("alerts.title")} description={t("alerts.description")} testId="alert-settings">
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField
                label={t("alerts.reminderHours")}
                inputMode="numeric"
                value={draft.alertReminderHours}
                onChange={(e) => set("alertReminderHours", e.target.value)}
                hint={t("alerts.reminderHoursHint")}
                error={errors.alertReminderHours}
              />
              <TextField
                label={t("alerts.failedRuns")}
                inputMode="numeric"
                value={draft.alertFailedRuns}
                onChange={(e) => set("alertFailedRuns", e.target.value)}
                error={errors.alertFailedRuns}
              />
              <TextField
                label={t("alerts.pendingOrderHours")}
                inputMode="numeric"
                value={draft.alertPendingOrderHours}
                onChange={(e) => set("alertPendingOrderHours", e.target.value)}
                error={errors.alertPendingOrderHours}
              />
            </div>
          </Card>
        </div>
      </fieldset>
      <div className="mt-4 space-y-2">
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && (
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? tCommon("saving") : t("save")}
          </Button>
        )}
      </div>
    </form>
  );
}
