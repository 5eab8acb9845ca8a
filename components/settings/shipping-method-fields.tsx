import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";

/** "1 = POSTEN" per line ↔ { "1": "POSTEN" }; a line without "=" keeps its text so the server can name it. */
export function parseShippingMethodLines(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const [shippingId = "", shipVia = ""] = line.split("=").map((part) => part.trim());
    map[shippingId] = shipVia;
  }
  return map;
}

export function shippingMethodLines(map: Record<string, string>): string {
  return Object.entries(map).map(([shippingId, shipVia]) => `${shippingId} = ${shipVia}`).join("\n");
}

/**
 * CS-Cart shipping method → Visma.net Ship via, one "shipping id = Ship via id" per line. The Ship via
 * decides whether Visma.net accepts the shop's freight cost (a later issue moves this into an
 * order-mapping editor).
 */
export function ShippingMethodFields({ value, fieldErrors, onChange }: { value: string; fieldErrors: Record<string, string>; onChange: (value: string) => void }) {
  const t = useTranslations("settings.shippingMethods");
  /** The first error about an entry ("shippingMethodMap.1"), naming the entry. */
  const entryError = () => {
    const key = Object.keys(fieldErrors).find((name) => name === "shippingMethodMap" || name.startsWith("shippingMethodMap."));
    if (!key) return undefined;
    const entry = key.split(".")[1];
    return entry ? t("entryError", { entry, problem: fieldErrors[key]! }) : fieldErrors[key];
  };
  return (
    <TextAreaField label={t("label")} rows={3} value={value} onChange={(event) => onChange(event.target.value)}
      placeholder={t("placeholder")} error={entryError()} hint={t("hint")} />
  );
}
