"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useFieldIssueTexts } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { ProductMapping } from "@/lib/sync/transform";
import type { FieldIssue } from "@/lib/validation";
import { FieldSourceRow } from "./field-source-row";
import { KeyValueRows } from "./key-value-rows";
import { draftFromMapping, mappingFromDraft, errorUnder, SHOP_FIELDS, type MappingDraft } from "./mapping-draft";
import { MappingPreview } from "./mapping-preview";

const TRACKING = ["B", "D"] as const;

export function MappingEditor({ tenantSlug, canEdit, config, defaults, sourceFields }: {
  tenantSlug: string;
  canEdit: boolean;
  config: ProductMapping;
  defaults: ProductMapping;
  sourceFields: readonly string[];
}) {
  const t = useTranslations("mappings");
  const tCommon = useTranslations("common");
  const fieldIssueTexts = useFieldIssueTexts();
  const [draft, setDraft] = useState<MappingDraft>(() => draftFromMapping(config));
  const [localErrors, setLocalErrors] = useState<Record<string, FieldIssue>>({});
  const save = useApiMutation({
    mutationFn: (mapping: unknown) => apiFetch<{ version: number }>(tenantApi(tenantSlug, "mappings/product"), { method: "POST", json: mapping }),
    invalidate: [[tenantSlug, "mappings/product"]],
    successMessage: (result) => t("saved", { version: result.version }),
  });
  const errors = { ...save.fieldErrors, ...fieldIssueTexts(localErrors) };
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  /** Checks what the browser can; returns the mapping to send, or null with the errors shown. */
  const buildMapping = () => {
    const { mapping, errors: found } = mappingFromDraft(draft);
    setLocalErrors(found);
    return Object.keys(found).length ? null : mapping;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const mapping = buildMapping();
    if (mapping) save.mutate(mapping);
  };
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("formLabel")} className="space-y-4">
      <fieldset disabled={!canEdit} className="space-y-4">
        <Card title={t("productFields")} description={t("productFieldsDescription")}>
          {SHOP_FIELDS.map((field) => (
            <FieldSourceRow key={field} name={field} draft={draft.fields[field]} sourceFields={sourceFields} nullable={field === "main_image"} errors={errors}
              onChange={(next) => set("fields", { ...draft.fields, [field]: next })} />
          ))}
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("taxTitle")} description={t("taxDescription")}>
            <KeyValueRows rows={draft.taxRows} keyField="vatCode" valueField="taxIds" keyLabel={t("vatCode")} valueLabel={t("taxIds")}
              blank={{ vatCode: "", taxIds: "" }} addLabel={t("addVatCode")} onChange={(rows) => set("taxRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`taxRows.${index}.vatCode`],
                value: errors[`taxRows.${index}.taxIds`] ?? errorUnder(errors, `taxMapping.${row.vatCode.trim()}`),
              })} />
            <TextField className="mt-3" label={t("defaultTaxIds")} hint={t("defaultTaxIdsHint")} value={draft.defaultTaxIds}
              onChange={(event) => set("defaultTaxIds", event.target.value)} error={errorUnder(errors, "defaultTaxIds")} />
          </Card>
          <Card title={t("categoryTitle")} description={t("categoryDescription")}>
            <KeyValueRows rows={draft.categoryRows} keyField="value" valueField="categoryId" keyLabel={t("vismaValue")} valueLabel={t("categoryId")}
              blank={{ value: "", categoryId: "" }} addLabel={t("addCategory")} onChange={(rows) => set("categoryRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`categoryRows.${index}.value`],
                value: errors[`categoryRows.${index}.categoryId`] ?? errorUnder(errors, `categoryMapping.${row.value.trim()}`),
              })} />
            <TextField className="mt-3" label={t("defaultCategoryId")} inputMode="numeric" value={draft.defaultCategoryId}
              onChange={(event) => set("defaultCategoryId", event.target.value)} error={errors.defaultCategoryId} />
          </Card>
          <Card title={t("stockTitle")}>
            <div className="grid gap-3 sm:grid-cols-2">
              {/* One place decides which warehouses count, so product import and stock sync agree. */}
              <p className="text-sm text-slate-600">
                {t.rich("stockSource", { link: (chunks) => <a className="text-brand-700 underline" href={`/${tenantSlug}/settings`}>{chunks}</a> })}
              </p>
              <SelectField label={t("tracking")} value={draft.tracking} onChange={(event) => set("tracking", event.target.value as MappingDraft["tracking"])}>
                {TRACKING.map((option) => <option key={option} value={option}>{t(`trackingOptions.${option}`)}</option>)}
              </SelectField>
            </div>
          </Card>
        </div>
      </fieldset>
      <MappingPreview tenantSlug={tenantSlug} canEdit={canEdit} buildMapping={buildMapping} />
      <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
        <FormMessage error={save.formError ?? (hasErrors ? tCommon("fieldsNeedAttention") : null)} success={save.success} />
        {canEdit && (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? tCommon("saving") : t("save")}</Button>
            <Button variant="secondary" onClick={() => { setDraft(draftFromMapping(config)); setLocalErrors({}); save.reset(); }}>{t("undo")}</Button>
            <Button variant="ghost" onClick={() => { setDraft(draftFromMapping(defaults)); setLocalErrors({}); }}>{t("defaults")}</Button>
          </div>
        )}
      </div>
    </form>
  );
}
