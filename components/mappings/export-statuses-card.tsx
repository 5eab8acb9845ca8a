"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useTenantQuery } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { CheckboxField, FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

/**
 * CS-Cart's built-in order statuses (names in messages: mappings.statuses.known), until the shop's
 * own list (the pick-list, with the shop's own names) has been read; shops may add their own letters.
 */
const KNOWN_STATUSES = ["P", "C", "O", "B", "F", "D", "I"] as const;

type StatusSettings = { exportStatuses: string[]; statusAfterExport: string | null; notifyCustomerOfStatus: boolean };

/**
 * Which shop orders are exported, and what the shop order's status becomes after the export. These
 * are settings (patchable through the settings API), edited here beside the order mapping.
 */
export function ExportStatusesCard({ tenantSlug, canEdit }: { tenantSlug: string; canEdit: boolean }) {
  const t = useTranslations("mappings.statuses");
  const query = useTenantQuery<StatusSettings>(tenantSlug, "settings");
  const shopStatuses = usePickLists(tenantSlug).options("cscart.orderStatuses");
  return (
    <Card title={t("title")} description={t("description")} testId="export-statuses">
      <QueryView query={query}>
        {(settings) => (
          <StatusesForm
            key={shopStatuses.map((status) => status.id).join()}
            tenantSlug={tenantSlug}
            canEdit={canEdit}
            initial={settings}
            shopStatuses={shopStatuses}
          />
        )}
      </QueryView>
    </Card>
  );
}

function StatusesForm({
  tenantSlug,
  canEdit,
  initial,
  shopStatuses,
}: {
  tenantSlug: string;
  canEdit: boolean;
  initial: StatusSettings;
  shopStatuses: readonly PickOption[];
}) {
  const t = useTranslations("mappings.statuses");
  const tCommon = useTranslations("common");
  const offered: { code: string; label: string }[] = shopStatuses.length
    ? shopStatuses.map((status) => ({ code: status.id, label: status.label }))
    : KNOWN_STATUSES.map((code) => ({ code, label: t(`known.${code}`) }));
  const known = new Set<string>(offered.map((status) => status.code));
  const [chosen, setChosen] = useState(() => initial.exportStatuses.filter((code) => known.has(code)));
  const [custom, setCustom] = useState(() => initial.exportStatuses.filter((code) => !known.has(code)).join(", "));
  const [afterExport, setAfterExport] = useState(initial.statusAfterExport ?? "");
  const [notify, setNotify] = useState(initial.notifyCustomerOfStatus);
  const statuses = () => [
    ...chosen,
    ...custom
      .split(/[\s,]+/)
      .map((code) => code.trim())
      .filter(Boolean),
  ];
  const save = useApiMutation({
    mutationFn: () =>
      apiFetch(tenantApi(tenantSlug, "settings"), {
        method: "PATCH",
        json: { exportStatuses: statuses(), statusAfterExport: afterExport.trim() ? afterExport.trim().toUpperCase() : null, notifyCustomerOfStatus: notify },
      }),
    invalidate: [[tenantSlug, "settings"]],
    successMessage: t("saved"),
  });
  const statusError = Object.entries(save.fieldErrors).find(([path]) => path.startsWith("exportStatuses"))?.[1];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("title")}>
      <fieldset disabled={!canEdit} className="space-y-3">
        <legend className="sr-only">{t("legend")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {offered.map(({ code, label }) => (
            <CheckboxField
              key={code}
              label={t("option", { label, code })}
              checked={chosen.includes(code)}
              onChange={(event) => setChosen(event.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
            />
          ))}
        </div>
        <TextField label={t("other")} hint={t("otherHint")} value={custom} onChange={(event) => setCustom(event.target.value)} error={statusError} />
        <TextField
          label={t("afterExport")}
          hint={t("afterExportHint")}
          value={afterExport}
          maxLength={1}
          className="max-w-xs"
          onChange={(event) => setAfterExport(event.target.value)}
          error={save.fieldErrors.statusAfterExport}
        />
        <CheckboxField label={t("notifyCustomer")} hint={t("notifyCustomerHint")} checked={notify} onChange={(event) => setNotify(event.target.checked)} />
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && (
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? tCommon("saving") : t("save")}
          </Button>
        )}
      </fieldset>
    </form>
  );
}
