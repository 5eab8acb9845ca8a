"use client";

import { useTranslations } from "next-intl";
import { useAnyTranslations } from "@/components/i18n";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { hasMessage } from "@/lib/i18n/translate-error";
import type { ShopFieldName, SourceDraft, SourceKind } from "./mapping-draft";

const SOURCES: SourceKind[] = ["visma", "attribute", "fixed", "none"];

/** One shop field: where its value comes from, and the transforms applied on the way. */
export function FieldSourceRow({
  name,
  draft,
  sourceFields,
  nullable,
  errors,
  onChange,
}: {
  name: ShopFieldName;
  draft: SourceDraft;
  sourceFields: readonly string[];
  nullable: boolean;
  errors: Record<string, string>;
  onChange: (next: SourceDraft) => void;
}) {
  const t = useTranslations("mappings");
  const label = t(`shopFields.${name}`);
  const tAll = useAnyTranslations();
  const hintKey = `mappings.shopFieldHints.${name}`;
  const hint = hasMessage(tAll, hintKey) ? tAll(hintKey) : undefined;
  const key = `fields.${name}`;
  const set = (change: Partial<SourceDraft>) => onChange({ ...draft, ...change });
  const ownErrors = Object.entries(errors).filter(([path]) => path === key || path.startsWith(`${key}.`));
  const errorAt = (suffix: string) => errors[`${key}.${suffix}`];
  const otherError = ownErrors.find(([path]) => !["field", "attributeId", "value", "multiply"].some((suffix) => path === `${key}.${suffix}`))?.[1];
  const sources = SOURCES.filter((from) => nullable || from !== "none");
  return (
    <div className="border-b border-slate-100 py-3 last:border-0" data-testid={`mapping-field-${name}`}>
      <div className="grid gap-3 md:grid-cols-[12rem_11rem_1fr]">
        <div>
          <div className="text-sm font-medium text-slate-900">{label}</div>
          <div className="font-mono text-xs text-slate-500">{name}</div>
          {hint && <div className="mt-1 text-xs text-slate-500">{hint}</div>}
        </div>
        <SelectField label={t("fieldSource", { field: label })} value={draft.from} onChange={(event) => set({ from: event.target.value as SourceKind })}>
          {sources.map((from) => (
            <option key={from} value={from}>
              {t(`sources.${from}`)}
            </option>
          ))}
        </SelectField>
        <div className="space-y-2">
          {draft.from === "visma" && (
            <SelectField
              label={t("fieldVisma", { field: label })}
              value={draft.field}
              onChange={(event) => set({ field: event.target.value })}
              error={errorAt("field")}
            >
              {sourceFields.map((field) => (
                <option key={field} value={field}>
                  {field}
                </option>
              ))}
            </SelectField>
          )}
          {draft.from === "attribute" && (
            <TextField
              label={t("fieldAttribute", { field: label })}
              value={draft.attributeId}
              onChange={(event) => set({ attributeId: event.target.value })}
              error={errorAt("attributeId")}
            />
          )}
          {draft.from === "fixed" && (
            <TextField
              label={t("fieldFixed", { field: label })}
              value={draft.value}
              onChange={(event) => set({ value: event.target.value })}
              error={errorAt("value")}
            />
          )}
          {(draft.from === "visma" || draft.from === "attribute") && (
            <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
              <CheckboxField label={t("trim")} checked={draft.trim} onChange={(event) => set({ trim: event.target.checked })} />
              <CheckboxField label={t("uppercase")} checked={draft.uppercase} onChange={(event) => set({ uppercase: event.target.checked })} />
              <CheckboxField label={t("round2")} checked={draft.round2} onChange={(event) => set({ round2: event.target.checked })} />
              <TextField
                className="w-36"
                label={t("fieldMultiply", { field: label })}
                inputMode="decimal"
                placeholder={t("multiplyPlaceholder")}
                value={draft.multiply}
                onChange={(event) => set({ multiply: event.target.value })}
                error={errorAt("multiply")}
              />
            </div>
          )}
          {otherError && (
            <p className="text-xs text-red-700" data-testid="field-error">
              {otherError}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
