"use client";

import { useTranslations } from "next-intl";
import { PickField } from "@/components/pick-lists/pick-field";
import { Button } from "@/components/ui/button";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

/**
 * An editable list of rows of fields ("this shop value → that Visma.net id", and wider ones). A
 * column with options (a remote's pick-list) offers them; a typed value stays possible.
 */
export function RowsEditor<R extends Record<string, string>>({
  rows,
  columns,
  errorsFor,
  onChange,
  blank,
  addLabel,
}: {
  rows: R[];
  columns: { field: keyof R & string; label: string; options?: readonly PickOption[] }[];
  errorsFor: (row: R, index: number) => Partial<Record<keyof R & string, string>>;
  onChange: (rows: R[]) => void;
  blank: R;
  addLabel: string;
}) {
  const t = useTranslations("mappings.rows");
  const tCommon = useTranslations("common");
  const update = (index: number, change: Partial<R>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const first = columns[0]!.label;
  return (
    <div className="space-y-2">
      {rows.length === 0 && <p className="text-sm text-slate-500">{t("none")}</p>}
      {rows.map((row, index) => {
        const errors = errorsFor(row, index);
        return (
          <div key={index} className="grid items-start gap-2" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr)) auto` }}>
            {columns.map((column) => (
              <PickField
                key={column.field}
                label={t("rowLabel", { label: column.label, row: index + 1 })}
                value={row[column.field] ?? ""}
                error={errors[column.field]}
                options={column.options ?? []}
                onChange={(value) => update(index, { [column.field]: value } as Partial<R>)}
              />
            ))}
            <Button
              variant="ghost"
              size="sm"
              className="mt-6"
              aria-label={t("removeRow", { label: first, row: index + 1 })}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              {tCommon("remove")}
            </Button>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </Button>
    </div>
  );
}
