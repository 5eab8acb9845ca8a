"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { formatDateTime } from "@/components/format";
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
  const [from, setFrom] = useState("");
  const [modules, setModules] = useState<string[]>(offered.slice(0, 1).map((module) => module.id));
  const [confirming, setConfirming] = useState(false);
  const reimport = useApiMutation({
    mutationFn: async () =>
      apiFetch<{ results: EnqueueResult[] }>(tenantApi(tenantSlug, "settings/reimport"), { method: "POST", json: checkInput(schema, { from, modules }) }),
    invalidate: [[tenantSlug, "settings"], [tenantSlug, "overview"], [tenantSlug, "runs"]],
    onSuccess: () => setConfirming(false),
  });
  const fieldsWrong = Object.keys(reimport.fieldErrors).length > 0;
  const toggle = (module: string, on: boolean) => setModules(on ? [...new Set([...modules, module])] : modules.filter((m) => m !== module));
  const names = offered.filter((module) => modules.includes(module.id)).map((module) => module.recordName).join(" and ");
  const fromWords = from ? new Date(`${from}T00:00:00Z`).toLocaleDateString("en-GB", { dateStyle: "long", timeZone: "UTC" }) : "";
  return (
    <Card title="Re-import from a date" description="Write everything changed in Visma.net since a date to the shop again, e.g. after the shop lost data." testId="reimport-card">
      <fieldset disabled={!canEdit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr] sm:items-start">
          <TextField label="Re-import from" type="date" max={today()} value={from} onChange={(event) => setFrom(event.target.value)} error={reimport.fieldErrors.from} />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">What to re-import</legend>
            {offered.map((module) => (
              <CheckboxField key={module.id} label={module.label} checked={modules.includes(module.id)} onChange={(event) => toggle(module.id, event.target.checked)} />
            ))}
            {reimport.fieldErrors.modules && <p className="text-xs text-red-700" data-testid="field-error">{reimport.fieldErrors.modules}</p>}
          </fieldset>
        </div>
        {reimportFrom && <p className="text-sm text-slate-600">Last re-import requested from {formatDateTime(reimportFrom)}.</p>}
        <FormMessage error={!confirming || fieldsWrong ? reimport.formError : null} />
        {reimport.data && (
          <ul className="space-y-1 text-sm" role="status" data-testid="reimport-result">
            {reimport.data.results.map((result, index) => (
              <li key={index} className={result.queued ? "text-green-800" : "text-slate-700"}>
                {result.queued ? <>Queued: <Link className="text-brand-700 underline" href={`/${tenantSlug}/runs/${result.runId}`}>follow the run</Link></> : result.reason}
              </li>
            ))}
          </ul>
        )}
        {canEdit && <Button variant="secondary" onClick={() => { reimport.reset(); setConfirming(true); }} disabled={reimport.isPending}>Re-import…</Button>}
      </fieldset>
      <ConfirmDialog open={confirming && !fieldsWrong} title="Re-import from this date?" confirmLabel="Start re-import" confirmVariant="primary"
        busy={reimport.isPending} onCancel={() => setConfirming(false)} onConfirm={() => reimport.mutate(undefined)}>
        {from && modules.length ? (
          <>
            <p>
              APIcenter will go back to <strong>{fromWords}</strong> and write every {names} changed in Visma.net since then to the
              shop again, even those that look unchanged.
            </p>
            <p>Existing shop records are updated, not duplicated. The import starts at once and runs in the background; large catalogues can take a while and use Visma.net API calls.</p>
          </>
        ) : (
          <p>Pick a date and what to re-import first; the server will say what is missing.</p>
        )}
        {confirming && reimport.formError && <FormMessage error={reimport.formError} />}
      </ConfirmDialog>
    </Card>
  );
}
