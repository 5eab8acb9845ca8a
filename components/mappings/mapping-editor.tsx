"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useFieldIssueTexts } from "@/components/i18n";
import { SelectField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { ProductMapping } from "@/lib/sync/transform";
import type { FieldIssue } from "@/lib/validation";
import { FieldSourceRow } from "./field-source-row";
import { KeyValueRows } from "./key-value-rows";
import { draftFromMapping, mappingFromDraft, errorUnder, SHOP_FIELDS, type MappingDraft } from "./mapping-draft";
import { MappingFormActions } from "./mapping-form";
import { MappingPreview } from "./mapping-preview";
import { ValuesInUse } from "./values-in-use";
import { PickField } from "@/components/pick-lists/pick-field";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";
import { categoryTree } from "@/lib/pick-lists/pick-list-kinds";

const TRACKING = ["B", "D"] as const;

export function MappingEditor({
  tenantSlug,
  canEdit,
  config,
  defaults,
  sourceFields,
}: {
  tenantSlug: string;
  canEdit: boolean;
  config: ProductMapping;
  defaults: ProductMapping;
  sourceFields: readonly string[];
}) {
  const t = useTranslations("mappings");
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
  // The remotes' own values (lib/pick-lists), offered beside the ids; typing an id stays possible.
  const pick = usePickLists(tenantSlug);
  const categories = categoryTree(pick.options("cscart.categories"));
  const categorySource = draft.fields.category;
  const categoryField = categorySource.from === "visma" ? `visma:${categorySource.field}` : categorySource.from;
  const categoryValueOptions =
    categoryField === "visma:itemClass.id"
      ? pick.options("visma.itemClassesInUse")
      : categoryField === "visma:type"
        ? pick.options("visma.itemTypesInUse")
        : [];
  const taxesByDefault = draft.defaultTaxIds.trim() !== "" || draft.fields.tax_ids.from === "fixed";

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
            <FieldSourceRow
              key={field}
              name={field}
              draft={draft.fields[field]}
              sourceFields={sourceFields}
              nullable={field === "main_image"}
              errors={errors}
              onChange={(next) => set("fields", { ...draft.fields, [field]: next })}
            />
          ))}
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("taxTitle")} description={t("taxDescription")}>
            <KeyValueRows
              rows={draft.taxRows}
              keyField="vatCode"
              valueField="taxIds"
              keyLabel={t("vatCode")}
              valueLabel={t("taxIds")}
              keyOptions={pick.options("visma.vatCategories")}
              valueOptions={pick.options("cscart.taxes")}
              blank={{ vatCode: "", taxIds: "" }}
              addLabel={t("addVatCode")}
              onChange={(rows) => set("taxRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`taxRows.${index}.vatCode`],
                value: errors[`taxRows.${index}.taxIds`] ?? errorUnder(errors, `taxMapping.${row.vatCode.trim()}`),
              })}
            />
            <PickField
              className="mt-3"
              label={t("defaultTaxIds")}
              hint={t("defaultTaxIdsHint")}
              value={draft.defaultTaxIds}
              options={pick.options("cscart.taxes")}
              onChange={(value) => set("defaultTaxIds", value)}
              error={errorUnder(errors, "defaultTaxIds")}
            />
          </Card>
          <Card title={t("categoryTitle")} description={t("categoryDescription")}>
            <KeyValueRows
              rows={draft.categoryRows}
              keyField="value"
              valueField="categoryId"
              keyLabel={t("vismaValue")}
              valueLabel={t("categoryId")}
              keyOptions={categoryValueOptions}
              valueOptions={categories}
              blank={{ value: "", categoryId: "" }}
              addLabel={t("addCategory")}
              onChange={(rows) => set("categoryRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`categoryRows.${index}.value`],
                value: errors[`categoryRows.${index}.categoryId`] ?? errorUnder(errors, `categoryMapping.${row.value.trim()}`),
              })}
            />
            <PickField
              className="mt-3"
              label={t("defaultCategoryId")}
              value={draft.defaultCategoryId}
              options={categories}
              onChange={(value) => set("defaultCategoryId", value)}
              error={errors.defaultCategoryId}
            />
          </Card>
          <ValuesInUse
            read={pick.lists["visma.vatCodesInUse"] !== undefined}
            vatCodes={pick.options("visma.vatCodesInUse")}
            itemClasses={pick.options("visma.itemClassesInUse")}
            itemTypes={pick.options("visma.itemTypesInUse")}
            categoryField={categoryField}
            // A row without tax ids is mapped too: that VAT code's items carry no shop tax (VAT code 0).
            taxMark={(code) => (draft.taxRows.some((row) => row.vatCode.trim() === code) ? "mapped" : taxesByDefault ? "byDefault" : "unmapped")}
            categoryMark={(value) => (draft.categoryRows.some((row) => row.value.trim() === value && row.categoryId.trim()) ? "mapped" : "byDefault")}
          />
          <Card title={t("stockTitle")}>
            <div className="grid gap-3 sm:grid-cols-2">
              {/* One place decides which warehouses count, so product import and stock sync agree. */}
              <p className="text-sm text-slate-600">
                {t.rich("stockSource", {
                  link: (chunks) => (
                    <a className="text-brand-700 underline" href={`/${tenantSlug}/settings`}>
                      {chunks}
                    </a>
                  ),
                })}
              </p>
              <SelectField label={t("tracking")} value={draft.tracking} onChange={(event) => set("tracking", event.target.value as MappingDraft["tracking"])}>
                {TRACKING.map((option) => (
                  <option key={option} value={option}>
                    {t(`trackingOptions.${option}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          </Card>
        </div>
      </fieldset>
      <MappingPreview tenantSlug={tenantSlug} canEdit={canEdit} buildMapping={buildMapping} />
      <MappingFormActions
        canEdit={canEdit}
        save={save}
        hasErrors={hasErrors}
        onUndo={() => {
          setDraft(draftFromMapping(config));
          setLocalErrors({});
          save.reset();
        }}
        onDefaults={() => {
          setDraft(draftFromMapping(defaults));
          setLocalErrors({});
        }}
      />
    </form>
  );
}
