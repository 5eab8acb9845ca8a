import { SelectField, TextAreaField } from "@/components/ui/field";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

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

/** The first error about an entry ("shippingMethodMap.1"), naming the entry. */
function entryError(fields: Record<string, string>): string | undefined {
  const key = Object.keys(fields).find((name) => name === "shippingMethodMap" || name.startsWith("shippingMethodMap."));
  if (!key) return undefined;
  const entry = key.split(".")[1];
  return entry ? `"${entry}": ${fields[key]}` : fields[key];
}

/**
 * CS-Cart shipping method → Visma.net Ship via, one "shipping id = Ship via id" per line. The Ship via
 * decides whether Visma.net accepts the shop's freight cost (a later issue moves this into an
 * order-mapping editor).
 */
export function ShippingMethodFields({ value, fieldErrors, onChange, shopMethods = [] }: {
  value: string;
  fieldErrors: Record<string, string>;
  onChange: (value: string) => void;
  /** The shop's shipping methods (the pick-list), when read: choosing one adds its line. */
  shopMethods?: readonly PickOption[];
}) {
  const listed = new Set(Object.keys(parseShippingMethodLines(value)));
  const unlisted = shopMethods.filter((method) => !listed.has(method.id));
  return (
    <div className="space-y-2">
      <TextAreaField label="Shipping methods → Ship via" rows={3} value={value} onChange={(event) => onChange(event.target.value)}
        placeholder={"1 = POSTEN\n3 = PICKUP"} error={entryError(fieldErrors)}
        hint="One per line: the CS-Cart shipping method id = the Visma.net Ship via id. Orders are sent with that Ship via; it must allow a manual freight cost when the shop charges shipping." />
      {unlisted.length > 0 && (
        <SelectField label="Add a shipping method of the shop" value="" onChange={(event) => event.target.value && onChange(`${value.trimEnd()}${value.trim() ? "\n" : ""}${event.target.value} = `)}>
          <option value="">…</option>
          {unlisted.map((method) => <option key={method.id} value={method.id}>{method.label} ({method.id}){method.inactive ? " (inactive)" : ""}</option>)}
        </SelectField>
      )}
    </div>
  );
}
