"use client";

import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";
import { RowsEditor } from "./rows-editor";

/**
 * An editable list of "this value → that id" rows (tax mapping, category mapping): a RowsEditor of
 * two columns; with options (the remotes' pick-lists) each side offers them.
 */
export function KeyValueRows<R extends Record<string, string>>({
  rows,
  keyField,
  valueField,
  keyLabel,
  valueLabel,
  errorsFor,
  onChange,
  blank,
  addLabel,
  keyOptions = [],
  valueOptions = [],
}: {
  rows: R[];
  keyField: keyof R & string;
  valueField: keyof R & string;
  keyLabel: string;
  valueLabel: string;
  errorsFor: (row: R, index: number) => { key?: string; value?: string };
  onChange: (rows: R[]) => void;
  blank: R;
  addLabel: string;
  keyOptions?: readonly PickOption[];
  valueOptions?: readonly PickOption[];
}) {
  return (
    <RowsEditor
      rows={rows}
      blank={blank}
      addLabel={addLabel}
      onChange={onChange}
      columns={[
        { field: keyField, label: keyLabel, options: keyOptions },
        { field: valueField, label: valueLabel, options: valueOptions },
      ]}
      errorsFor={(row, index) => {
        const errors = errorsFor(row, index);
        return { [keyField]: errors.key, [valueField]: errors.value } as Partial<Record<keyof R & string, string>>;
      }}
    />
  );
}
