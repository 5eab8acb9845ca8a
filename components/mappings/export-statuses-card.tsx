"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useTenantQuery } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { CheckboxField, FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";

/** CS-Cart's built-in order statuses, until the shop's own list (the pick-list) has been read. */
const BUILT_IN_STATUSES: [string, string][] = [
  ["P", "Processed (paid)"],
  ["C", "Complete"],
  ["O", "Open"],
  ["B", "Backordered"],
  ["F", "Failed"],
  ["D", "Declined"],
  ["I", "Cancelled"],
];

export function ExportStatusesCard({ tenantSlug, canEdit }: { tenantSlug: string; canEdit: boolean }) {
  const query = useTenantQuery<{ exportStatuses: string[] }>(tenantSlug, "settings");
  const shopStatuses = usePickLists(tenantSlug).options("cscart.orderStatuses");
  const statuses: [string, string][] = shopStatuses.length ? shopStatuses.map((status) => [status.id, status.label]) : BUILT_IN_STATUSES;
  return (
    <Card title="Order statuses to export" description="Only shop orders in these statuses become Visma.net sales orders." testId="export-statuses">
      <QueryView query={query}>
        {(settings) => <StatusesForm key={statuses.map(([code]) => code).join()} tenantSlug={tenantSlug} canEdit={canEdit} initial={settings.exportStatuses} statuses={statuses} />}
      </QueryView>
    </Card>
  );
}

function StatusesForm({ tenantSlug, canEdit, initial, statuses: offered }: { tenantSlug: string; canEdit: boolean; initial: string[]; statuses: [string, string][] }) {
  const known = new Set(offered.map(([code]) => code));
  const [chosen, setChosen] = useState(() => initial.filter((code) => known.has(code)));
  const [custom, setCustom] = useState(() => initial.filter((code) => !known.has(code)).join(", "));
  const statuses = () => [...chosen, ...custom.split(/[\s,]+/).map((code) => code.trim()).filter(Boolean)];
  const save = useApiMutation({
    mutationFn: () => apiFetch(tenantApi(tenantSlug, "settings"), { method: "PATCH", json: { exportStatuses: statuses() } }),
    invalidate: [[tenantSlug, "settings"]],
    successMessage: "Order statuses saved.",
  });
  const statusError = Object.entries(save.fieldErrors).find(([path]) => path.startsWith("exportStatuses"))?.[1];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Order statuses to export">
      <fieldset disabled={!canEdit} className="space-y-3">
        <legend className="sr-only">Statuses</legend>
        <div className="grid grid-cols-2 gap-2">
          {offered.map(([code, label]) => (
            <CheckboxField key={code} label={`${label} (${code})`} checked={chosen.includes(code)}
              onChange={(event) => setChosen(event.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))} />
          ))}
        </div>
        <TextField label="Other status letters" hint="Your shop's own statuses, e.g. A, E" value={custom} onChange={(event) => setCustom(event.target.value)} error={statusError} />
        <FormMessage error={save.formError} success={save.success} />
        {canEdit && <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save statuses"}</Button>}
      </fieldset>
    </form>
  );
}
