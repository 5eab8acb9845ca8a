import { useTranslations } from "next-intl";
import { PickField } from "@/components/pick-lists/pick-field";
import { SelectField } from "@/components/ui/field";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

/** "Sum of all warehouses" or "one warehouse" + its id; used for stock sync and the mapping's amount. */
export function WarehouseFields({
  label,
  mode,
  warehouseId,
  error,
  onChange,
  warehouses = [],
}: {
  label: string;
  mode: "sum" | "one";
  warehouseId: string;
  error?: string;
  onChange: (change: { warehouseMode?: "sum" | "one"; warehouseId?: string }) => void;
  /** Visma.net's warehouses (the pick-list), when read. */
  warehouses?: readonly PickOption[];
}) {
  const t = useTranslations("settings");
  return (
    <>
      <SelectField label={label} value={mode} onChange={(event) => onChange({ warehouseMode: event.target.value as "sum" | "one" })}>
        <option value="sum">{t("warehouseSum")}</option>
        <option value="one">{t("warehouseOne")}</option>
      </SelectField>
      {mode === "one" && (
        <PickField label={t("warehouseId")} value={warehouseId} options={warehouses} onChange={(value) => onChange({ warehouseId: value })} error={error} />
      )}
    </>
  );
}
