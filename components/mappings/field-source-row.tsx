"use client";

import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import type { SourceDraft } from "./mapping-draft";

const SOURCE_LABELS: Record<SourceDraft["from"], string> = {
  visma: "Visma.net field",
  attribute: "Item attribute",
  fixed: "Fixed value",
  none: "Not synced",
};

/** One shop field: where its value comes from, and the transforms applied on the way. */
export function FieldSourceRow({ name, label, hint, draft, sourceFields, nullable, errors, onChange }: {
  name: string;
  label: string;
  hint?: string;
  draft: SourceDraft;
  sourceFields: readonly string[];
  nullable: boolean;
  errors: Record<string, string>;
  onChange: (next: SourceDraft) => void;
}) {
  const key = `fields.${name}`;
  const set = (change: Partial<SourceDraft>) => onChange({ ...draft, ...change });
  const ownErrors = Object.entries(errors).filter(([path]) => path === key || path.startsWith(`${key}.`));
  const errorAt = (suffix: string) => errors[`${key}.${suffix}`];
  const otherError = ownErrors.find(([path]) => !["field", "attributeId", "value", "multiply"].some((suffix) => path === `${key}.${suffix}`))?.[1];
  const sources = (Object.keys(SOURCE_LABELS) as SourceDraft["from"][]).filter((from) => nullable || from !== "none");
  return (
    <div className="border-b border-slate-100 py-3 last:border-0" data-testid={`mapping-field-${name}`}>
      <div className="grid gap-3 md:grid-cols-[12rem_11rem_1fr]">
        <div>
          <div className="text-sm font-medium text-slate-900">{label}</div>
          <div className="font-mono text-xs text-slate-500">{name}</div>
          {hint && <div className="mt-1 text-xs text-slate-500">{hint}</div>}
        </div>
        <SelectField label={`${label}: source`} value={draft.from} onChange={(event) => set({ from: event.target.value as SourceDraft["from"] })}>
          {sources.map((from) => <option key={from} value={from}>{SOURCE_LABELS[from]}</option>)}
        </SelectField>
        <div className="space-y-2">
          {draft.from === "visma" && (
            <SelectField label={`${label}: Visma.net field`} value={draft.field} onChange={(event) => set({ field: event.target.value })} error={errorAt("field")}>
              {sourceFields.map((field) => <option key={field} value={field}>{field}</option>)}
            </SelectField>
          )}
          {draft.from === "attribute" && (
            <TextField label={`${label}: attribute id`} value={draft.attributeId} onChange={(event) => set({ attributeId: event.target.value })} error={errorAt("attributeId")} />
          )}
          {draft.from === "fixed" && (
            <TextField label={`${label}: fixed value`} value={draft.value} onChange={(event) => set({ value: event.target.value })} error={errorAt("value")} />
          )}
          {(draft.from === "visma" || draft.from === "attribute") && (
            <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
              <CheckboxField label="Trim spaces" checked={draft.trim} onChange={(event) => set({ trim: event.target.checked })} />
              <CheckboxField label="Upper case" checked={draft.uppercase} onChange={(event) => set({ uppercase: event.target.checked })} />
              <CheckboxField label="Round to cents" checked={draft.round2} onChange={(event) => set({ round2: event.target.checked })} />
              <TextField className="w-36" label={`${label}: multiply by`} inputMode="decimal" placeholder="e.g. 1.25" value={draft.multiply}
                onChange={(event) => set({ multiply: event.target.value })} error={errorAt("multiply")} />
            </div>
          )}
          {otherError && <p className="text-xs text-red-700" data-testid="field-error">{otherError}</p>}
        </div>
      </div>
    </div>
  );
}
