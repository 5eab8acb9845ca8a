import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";

/** "Sum of all warehouses" or "one warehouse" + its id; used for stock sync and the mapping's amount. */
export function WarehouseFields({ label, mode, warehouseId, error, onChange }: {
  label: string;
  mode: "sum" | "one";
  warehouseId: string;
  error?: string;
  onChange: (change: { warehouseMode?: "sum" | "one"; warehouseId?: string }) => void;
}) {
  const t = useTranslations("settings");
  return (
    <>
      <SelectField label={label} value={mode} onChange={(event) => onChange({ warehouseMode: event.target.value as "sum" | "one" })}>
        <option value="sum">{t("warehouseSum")}</option>
        <option value="one">{t("warehouseOne")}</option>
      </SelectField>
      {mode === "one" && <TextField label={t("warehouseId")} value={warehouseId} onChange={(event) => onChange({ warehouseId: event.target.value })} error={error} />}
    </>
  );
}
