"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { NONE } from "@/components/format";
import { useErrorText } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { previewProductMapping } from "@/lib/mappings/preview-product-mapping";

type Preview = Awaited<ReturnType<typeof previewProductMapping>>;

function Pairs({ values, testId }: { values: Record<string, unknown>; testId: string }) {
  return (
    <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {Object.entries(values).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs text-slate-500">{key}</dt>
          <dd className="break-all" data-field={key}>{typeof value === "object" ? JSON.stringify(value) : String(value ?? NONE)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Maps one real Visma.net item with the draft (checked in the browser first) and shows the result. */
export function MappingPreview({ tenantSlug, canEdit, buildMapping }: { tenantSlug: string; canEdit: boolean; buildMapping: () => unknown | null }) {
  const t = useTranslations("mappings.preview");
  const errorText = useErrorText();
  const [inventoryNumber, setInventoryNumber] = useState("");
  const preview = useApiMutation({
    mutationFn: (mapping: unknown) =>
      apiFetch<Preview>(tenantApi(tenantSlug, "mappings/product/preview"), { method: "POST", json: { mapping, inventoryNumber: inventoryNumber || undefined } }),
  });
  const run = () => {
    const mapping = buildMapping();
    if (mapping) preview.mutate(mapping);
  };
  return (
    <Card title={t("title")} description={t("description")} testId="mapping-preview">
      {!canEdit ? (
        <p className="text-sm text-slate-600">{t("needsAdmin")}</p>
      ) : (
        <div className="space-y-3">
          <div className="flex flex-wrap items-end gap-2">
            <TextField className="min-w-48 flex-1" label={t("inventoryNumber")} placeholder={t("inventoryNumberPlaceholder")}
              value={inventoryNumber} onChange={(event) => setInventoryNumber(event.target.value)} error={preview.fieldErrors.inventoryNumber} />
            <Button variant="secondary" onClick={run} disabled={preview.isPending}>{preview.isPending ? t("running") : t("run")}</Button>
          </div>
          <FormMessage error={preview.formError} />
          {preview.data && (
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <h3 className="mb-1 text-sm font-semibold">{t("item")}</h3>
                <Pairs values={preview.data.item} testId="preview-item" />
              </div>
              <div>
                <h3 className="mb-1 text-sm font-semibold">{t("product")}</h3>
                {preview.data.product ? <Pairs values={preview.data.product} testId="preview-product" /> : (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="preview-problem">{preview.data.problem && errorText(preview.data.problem)}</p>
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
