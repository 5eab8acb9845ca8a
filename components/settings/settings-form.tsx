"use client";

import { useMemo, useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { useModuleCatalog } from "@/components/module-catalog";
import { type Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { CheckboxField, FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { TenantSettings } from "@/lib/settings/get-settings";
import { settingsPatchSchemaFor } from "@/lib/settings/update-settings.schema";
import { debtorDefaultProblems } from "@/lib/settings/debtor-defaults-check";
import { parseShippingMethodLines, ShippingMethodFields, shippingMethodLines } from "./shipping-method-fields";
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
    schedules: Object.fromEntries(moduleIds.map((m) => [m, { enabled: schedulesOf(settings)[m]!.enabled, intervalMinutes: String(schedulesOf(settings)[m]!.intervalMinutes) }])),
    warehouseMode: settings.stockWarehouses.mode,
    warehouseId: settings.stockWarehouses.mode === "one" ? settings.stockWarehouses.warehouseId : "",
    shippingMethods: shippingMethodLines(settings.shippingMethodMap),
  };
}
type Draft = ReturnType<typeof draftOf>;

function recipientsOf(text: string): string[] {
  return text.split(/[\s,;]+/).map((value) => value.trim()).filter(Boolean);
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
    schedules: Object.fromEntries(Object.entries(draft.schedules).map(([m, schedule]) => [m, { enabled: schedule.enabled, intervalMinutes: toNumber(schedule.intervalMinutes) }])),
    stockWarehouses: draft.warehouseMode === "one" ? { mode: "one", warehouseId: draft.warehouseId } : { mode: "sum" },
    shippingMethodMap: parseShippingMethodLines(draft.shippingMethods),
  };
}

/** Errors for list entries ("failureEmailRecipients.1") shown on the one textarea, naming the entry. */
function recipientError(fields: Record<string, string>, recipients: string[]): string | undefined {
  const key = Object.keys(fields).find((name) => name.startsWith("failureEmailRecipients"));
  if (!key) return undefined;
  const index = Number(key.split(".")[1]);
  return Number.isInteger(index) ? `"${recipients[index]}": ${fields[key]}` : fields[key];
}

export function SettingsForm({ tenantSlug, canEdit, settings }: { tenantSlug: string; canEdit: boolean; settings: SettingsData }) {
  const { modules } = useModuleCatalog();
  const schema = useMemo(() => settingsPatchSchemaFor(modules), [modules]);
  const [draft, setDraft] = useState(() => draftOf(settings, modules.map((module) => module.id)));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setSchedule = (module: string, change: Partial<Draft["schedules"][string]>) =>
    setDraft((current) => ({ ...current, schedules: { ...current.schedules, [module]: { ...current.schedules[module]!, ...change } } }));
  const save = useApiMutation({
    mutationFn: async () => apiFetch<{ changed: string[] }>(tenantApi(tenantSlug, "settings"), { method: "PATCH", json: checkInput(schema, payloadOf(draft)) }),
    invalidate: [[tenantSlug, "settings"], [tenantSlug, "overview"]],
    successMessage: (result) => (result.changed.length ? `Saved (${result.changed.length} setting(s) changed).` : "Nothing changed."),
  });
  const pick = usePickLists(tenantSlug);
  // Defaults the last connection test found missing in Visma.net show red until they are changed.
  const errors: Record<string, string> = { ...debtorDefaultProblems(settings.debtorDefaultsCheck, draft), ...save.fieldErrors };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Settings">
      <fieldset disabled={!canEdit} className="grid gap-4 lg:grid-cols-2">
        <Card title="Order export">
          <div className="space-y-3">
            <CheckboxField label="Shop prices include VAT" checked={draft.pricesIncludeVat} onChange={(e) => set("pricesIncludeVat", e.target.checked)}
              hint="Converted to net prices for Visma.net with each order's own VAT rates." />
            <CheckboxField label="Ship exported orders in Visma.net (reduces stock at shipment)" checked={draft.shipOnExport} onChange={(e) => set("shipOnExport", e.target.checked)} />
            <ShippingMethodFields value={draft.shippingMethods} fieldErrors={errors} onChange={(value) => set("shippingMethods", value)} shopMethods={pick.options("cscart.shippings")} />
            <RefreshPickLists tenantSlug={tenantSlug} source="cscart" lists={pick.lists} canEdit={canEdit} />
          </div>
        </Card>
        <Card title="New customer defaults" description="Used when an order's e-mail matches no Visma.net customer. Checked against the company by the Visma.net connection test.">
          <div className="grid gap-3 sm:grid-cols-3">
            <PickField label="Payment terms" value={draft.debtorPaymentTerms} options={pick.options("visma.creditTerms")} onChange={(value) => set("debtorPaymentTerms", value)} error={errors.debtorPaymentTerms} />
            <TextField label="Collection account" value={draft.debtorCollectionAccount} onChange={(e) => set("debtorCollectionAccount", e.target.value)} error={errors.debtorCollectionAccount} />
            <PickField label="Administration" value={draft.debtorAdministration} options={pick.options("visma.branches")} onChange={(value) => set("debtorAdministration", value)} error={errors.debtorAdministration} />
          </div>
          <div className="mt-3"><RefreshPickLists tenantSlug={tenantSlug} source="visma" lists={pick.lists} canEdit={canEdit} /></div>
        </Card>
        <Card title="Schedules" description="How often each module runs, and whether it runs at all.">
          <div className="space-y-3">
            {modules.map(({ id, label }) => (
              <div key={id} className="grid grid-cols-[1fr_8rem] items-start gap-3">
                <CheckboxField className="pt-6" label={`${label} on`} checked={draft.schedules[id]!.enabled}
                  onChange={(e) => setSchedule(id, { enabled: e.target.checked })} />
                <TextField label={`${label} every (min)`} inputMode="numeric" value={draft.schedules[id]!.intervalMinutes}
                  onChange={(e) => setSchedule(id, { intervalMinutes: e.target.value })} error={errors[`schedules.${id}.intervalMinutes`]} />
              </div>
            ))}
          </div>
        </Card>
        <div className="space-y-4">
          <Card title="Stock">
            <div className="grid gap-3 sm:grid-cols-2">
              <WarehouseFields label="Warehouses for stock" mode={draft.warehouseMode} warehouseId={draft.warehouseId} warehouses={pick.options("visma.warehouses")}
                error={errors["stockWarehouses.warehouseId"]} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />
            </div>
          </Card>
          <Card title="Failure e-mails and logs">
            <div className="space-y-3">
              <TextAreaField label="Failure e-mail recipients" rows={3} value={draft.failureEmailRecipients} onChange={(e) => set("failureEmailRecipients", e.target.value)}
                hint="One address per line. They hear about orders that could not be exported." error={recipientError(errors, recipientsOf(draft.failureEmailRecipients))} />
              <TextField label="Keep logs for (days)" inputMode="numeric" value={draft.logRetentionDays} onChange={(e) => set("logRetentionDays", e.target.value)} error={errors.logRetentionDays} />
              <CheckboxField label="Store logs" checked={draft.storeLogs} onChange={(e) => set("storeLogs", e.target.checked)}
                hint="Off: sync runs are still recorded, but their log lines are not kept." />
            </div>
          </Card>
        </div>
      </fieldset>
      <div className="mt-4 space-y-2">
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save settings"}</Button>}
      </div>
    </form>
  );
}
