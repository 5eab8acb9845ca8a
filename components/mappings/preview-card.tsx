"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { apiFetch } from "@/components/api-client";
import { NONE } from "@/components/format";
import { useErrorText } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";

/** Field → value, as a compact two-column list. */
export function Pairs({ values, testId }: { values: Record<string, unknown>; testId: string }) {
  return (
    <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {Object.entries(values).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs text-slate-500">{key}</dt>
          <dd className="break-all" data-field={key}>
            {typeof value === "object" && value !== null ? JSON.stringify(value) : String(value ?? NONE)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Why a record cannot be mapped, in the reader's language. */
export function PreviewProblem({ problem }: { problem: unknown }) {
  const errorText = useErrorText();
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="preview-problem">
      {errorText(problem)}
    </p>
  );
}

/**
 * A live preview of a mapping draft: one real record (the one named in the input, else the first),
 * mapped on the server with the draft (checked in the browser first), shown by `children`.
 * `namespace` holds the texts: title, description, needsAdmin, input, inputPlaceholder, run, running.
 */
export function PreviewCard<R>({
  tenantSlug,
  canEdit,
  kind,
  namespace,
  inputKey,
  buildMapping,
  children,
}: {
  tenantSlug: string;
  canEdit: boolean;
  kind: "product" | "order" | "customer";
  namespace: "mappings.preview" | "orderMapping.preview" | "customerMapping.preview";
  /** The request field the input fills (inventoryNumber, orderId, customerNumber). */
  inputKey: string;
  buildMapping: () => unknown | null;
  children: (result: R) => ReactNode;
}) {
  const t = useTranslations(namespace);
  const [value, setValue] = useState("");
  const preview = useApiMutation({
    mutationFn: (mapping: unknown) =>
      apiFetch<R>(tenantApi(tenantSlug, `mappings/${kind}/preview`), { method: "POST", json: { mapping, [inputKey]: value.trim() || undefined } }),
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
            <TextField
              className="min-w-48 flex-1"
              label={t("input")}
              placeholder={t("inputPlaceholder")}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              error={preview.fieldErrors[inputKey]}
            />
            <Button variant="secondary" onClick={run} disabled={preview.isPending}>
              {preview.isPending ? t("running") : t("run")}
            </Button>
          </div>
          <FormMessage error={preview.formError} />
          {preview.data && children(preview.data)}
        </div>
      )}
    </Card>
  );
}
