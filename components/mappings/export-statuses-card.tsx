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

/** CS-Cart's built-in order statuses (names in messages: mappings.statuses.known); shops may add their own letters. */
const KNOWN_STATUSES = ["P", "C", "O", "B", "F", "D", "I"] as const;

export function ExportStatusesCard({ tenantSlug, canEdit }: { tenantSlug: string; canEdit: boolean }) {
  const t = useTranslations("mappings.statuses");
  const query = useTenantQuery<{ exportStatuses: string[] }>(tenantSlug, "settings");
  return (
    <Card title={t("title")} description={t("description")} testId="export-statuses">
      <QueryView query={query}>{(settings) => <StatusesForm tenantSlug={tenantSlug} canEdit={canEdit} initial={settings.exportStatuses} />}</QueryView>
    </Card>
  );
}

function StatusesForm({ tenantSlug, canEdit, initial }: { tenantSlug: string; canEdit: boolean; initial: string[] }) {
  const t = useTranslations("mappings.statuses");
  const tCommon = useTranslations("common");
  const known = new Set<string>(KNOWN_STATUSES);
  const [chosen, setChosen] = useState(() => initial.filter((code) => known.has(code)));
  const [custom, setCustom] = useState(() => initial.filter((code) => !known.has(code)).join(", "));
  const statuses = () => [...chosen, ...custom.split(/[\s,]+/).map((code) => code.trim()).filter(Boolean)];
  const save = useApiMutation({
    mutationFn: () => apiFetch(tenantApi(tenantSlug, "settings"), { method: "PATCH", json: { exportStatuses: statuses() } }),
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
          {KNOWN_STATUSES.map((code) => (
            <CheckboxField key={code} label={t("option", { label: t(`known.${code}`), code })} checked={chosen.includes(code)}
              onChange={(event) => setChosen(event.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))} />
          ))}
        </div>
        <TextField label={t("other")} hint={t("otherHint")} value={custom} onChange={(event) => setCustom(event.target.value)} error={statusError} />
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && <Button type="submit" disabled={save.isPending}>{save.isPending ? tCommon("saving") : t("save")}</Button>}
      </fieldset>
    </form>
  );
}
