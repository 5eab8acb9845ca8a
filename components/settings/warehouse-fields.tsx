import { PickField } from "@/components/pick-lists/pick-field";
import { SelectField } from "@/components/ui/field";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

/** "Sum of all warehouses" or "one warehouse" + its id; used for stock sync and the mapping's amount. */
export function WarehouseFields({ label, mode, warehouseId, error, onChange, warehouses = [] }: {
  label: string;
  mode: "sum" | "one";
  warehouseId: string;
  error?: string;
  onChange: (change: { warehouseMode?: "sum" | "one"; warehouseId?: string }) => void;
  /** Visma.net's warehouses (the pick-list), when read. */
  warehouses?: readonly PickOption[];
}) {
  return (
    <>
      <SelectField label={label} value={mode} onChange={(event) => onChange({ warehouseMode: event.target.value as "sum" | "one" })}>
        <option value="sum">Sum of all warehouses</option>
        <option value="one">One warehouse</option>
      </SelectField>
      {mode === "one" && <PickField label="Warehouse id" value={warehouseId} options={warehouses} onChange={(value) => onChange({ warehouseId: value })} error={error} />}
    </>
  );
}
