"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { ProductMapping } from "@/lib/sync/transform";
import { FieldSourceRow } from "./field-source-row";
import { KeyValueRows } from "./key-value-rows";
import { draftFromMapping, mappingFromDraft, errorUnder, SHOP_FIELDS, type MappingDraft } from "./mapping-draft";
import { MappingPreview } from "./mapping-preview";
import { ValuesInUse } from "./values-in-use";
import { PickField } from "@/components/pick-lists/pick-field";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";
import { categoryTree } from "@/lib/pick-lists/pick-list-kinds";

export function MappingEditor({ tenantSlug, canEdit, config, defaults, sourceFields }: {
  tenantSlug: string;
  canEdit: boolean;
  config: ProductMapping;
  defaults: ProductMapping;
  sourceFields: readonly string[];
}) {
  const [draft, setDraft] = useState<MappingDraft>(() => draftFromMapping(config));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: (mapping: unknown) => apiFetch<{ version: number }>(tenantApi(tenantSlug, "mappings/product"), { method: "POST", json: mapping }),
    invalidate: [[tenantSlug, "mappings/product"]],
    successMessage: (result) => `Saved as version ${result.version}. The next product import uses it.`,
  });
  const errors = { ...save.fieldErrors, ...localErrors };
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const pick = usePickLists(tenantSlug);
  const categories = categoryTree(pick.options("cscart.categories"));
  const categorySource = draft.fields.category;
  const categoryField = categorySource.from === "visma" ? `visma:${categorySource.field}` : categorySource.from;
  const categoryValueOptions = categoryField === "visma:itemClass.id" ? pick.options("visma.itemClassesInUse") : categoryField === "visma:type" ? pick.options("visma.itemTypesInUse") : [];
  const hasDefaultTax = draft.defaultTaxIds.trim() !== "";

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
    <form onSubmit={onSubmit} noValidate aria-label="Product mapping" className="space-y-4">
      <fieldset disabled={!canEdit} className="space-y-4">
        <Card title="Product fields" description="Each CS-Cart product field takes a Visma.net field, an item attribute or a fixed value.">
          {SHOP_FIELDS.map((field) => (
            <FieldSourceRow key={field.name} name={field.name} label={field.label} hint={"hint" in field ? field.hint : undefined}
              draft={draft.fields[field.name]} sourceFields={sourceFields} nullable={field.name === "main_image"} errors={errors}
              onChange={(next) => set("fields", { ...draft.fields, [field.name]: next })} />
          ))}
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Tax mapping" description="Visma.net VAT code → CS-Cart tax ids (comma-separated).">
            <KeyValueRows rows={draft.taxRows} keyField="vatCode" valueField="taxIds" keyLabel="VAT code" valueLabel="CS-Cart tax ids"
              keyOptions={pick.options("visma.vatCategories")} valueOptions={pick.options("cscart.taxes")}
              blank={{ vatCode: "", taxIds: "" }} addLabel="Add VAT code" onChange={(rows) => set("taxRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`taxRows.${index}.vatCode`],
                value: errors[`taxRows.${index}.taxIds`] ?? errorUnder(errors, `taxMapping.${row.vatCode.trim()}`),
              })} />
            <PickField className="mt-3" label="Default tax ids" hint="For VAT codes not listed; blank: such items fail with a clear error." value={draft.defaultTaxIds}
              options={pick.options("cscart.taxes")} onChange={(value) => set("defaultTaxIds", value)} error={errorUnder(errors, "defaultTaxIds")} />
          </Card>
          <Card title="Category mapping" description="Visma.net value (of the Category field's source) → CS-Cart category id.">
            <KeyValueRows rows={draft.categoryRows} keyField="value" valueField="categoryId" keyLabel="Visma.net value" valueLabel="CS-Cart category id"
              keyOptions={categoryValueOptions} valueOptions={categories}
              blank={{ value: "", categoryId: "" }} addLabel="Add category" onChange={(rows) => set("categoryRows", rows)}
              errorsFor={(row, index) => ({
                key: errors[`categoryRows.${index}.value`],
                value: errors[`categoryRows.${index}.categoryId`] ?? errorUnder(errors, `categoryMapping.${row.value.trim()}`),
              })} />
            <PickField className="mt-3" label="Default category id" value={draft.defaultCategoryId} options={categories}
              onChange={(value) => set("defaultCategoryId", value)} error={errors.defaultCategoryId} />
          </Card>
          <ValuesInUse read={pick.lists["visma.vatCodesInUse"] !== undefined} vatCodes={pick.options("visma.vatCodesInUse")}
            itemClasses={pick.options("visma.itemClassesInUse")} itemTypes={pick.options("visma.itemTypesInUse")} categoryField={categoryField}
            isTaxMapped={(code) => (draft.taxRows.some((row) => row.vatCode.trim() === code && row.taxIds.trim()) ? "mapped" : hasDefaultTax || draft.fields.tax_ids.from === "fixed" ? "default" : "unmapped")}
            isCategoryMapped={(value) => (draft.categoryRows.some((row) => row.value.trim() === value && row.categoryId.trim()) ? "mapped" : "default")} />
          <Card title="Stock amount and tracking">
            <div className="grid gap-3 sm:grid-cols-2">
              {/* One place decides which warehouses count, so product import and stock sync agree. */}
              <p className="text-sm text-slate-600">
                The amount comes from the warehouses chosen under{" "}
                <a className="text-brand-700 underline" href={`/${tenantSlug}/settings`}>Settings → Warehouses for stock</a>.
              </p>
              <SelectField label="Inventory tracking" value={draft.tracking} onChange={(event) => set("tracking", event.target.value as MappingDraft["tracking"])}>
                <option value="B">Track (B)</option>
                <option value="D">Do not track (D)</option>
              </SelectField>
            </div>
          </Card>
        </div>
      </fieldset>
      <MappingPreview tenantSlug={tenantSlug} canEdit={canEdit} buildMapping={buildMapping} />
      <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
        <FormMessage error={save.formError ?? (hasErrors ? "Some fields need attention: see the messages beside them." : null)} success={save.success} />
        {canEdit && (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save as new version"}</Button>
            <Button variant="secondary" onClick={() => { setDraft(draftFromMapping(config)); setLocalErrors({}); save.reset(); }}>Undo changes</Button>
            <Button variant="ghost" onClick={() => { setDraft(draftFromMapping(defaults)); setLocalErrors({}); }}>Start from the defaults</Button>
          </div>
        )}
      </div>
    </form>
  );
}
