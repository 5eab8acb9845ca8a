"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** An editable list of "this value → that id" rows (tax mapping, category mapping). */
export function KeyValueRows<R extends Record<string, string>>({ rows, keyField, valueField, keyLabel, valueLabel, errorsFor, onChange, blank, addLabel }: {
  rows: R[];
  keyField: keyof R & string;
  valueField: keyof R & string;
  keyLabel: string;
  valueLabel: string;
  errorsFor: (row: R, index: number) => { key?: string; value?: string };
  onChange: (rows: R[]) => void;
  blank: R;
  addLabel: string;
}) {
  const t = useTranslations("mappings.rows");
  const tCommon = useTranslations("common");
  const update = (index: number, change: Partial<R>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="space-y-2">
      {rows.length === 0 && <p className="text-sm text-slate-500">{t("none")}</p>}
      {rows.map((row, index) => {
        const errors = errorsFor(row, index);
        return (
          <div key={index} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            <TextField label={t("rowLabel", { label: keyLabel, row: index + 1 })} value={row[keyField]} error={errors.key}
              onChange={(event) => update(index, { [keyField]: event.target.value } as Partial<R>)} />
            <TextField label={t("rowLabel", { label: valueLabel, row: index + 1 })} value={row[valueField]} error={errors.value}
              onChange={(event) => update(index, { [valueField]: event.target.value } as Partial<R>)} />
            <Button variant="ghost" size="sm" className="mt-6" aria-label={t("removeRow", { label: keyLabel, row: index + 1 })}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}>{tCommon("remove")}</Button>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, blank])}>{addLabel}</Button>
    </div>
  );
}
