/**
 * The keys a failed record waits for (waiting-for.ts explains the mechanism). Pure, so the record
 * mapping (lib/sync/transform) can name them in its errors.
 */
export type WaitingKey = `mapping:${string}` | "settings" | `visma-item:${string}` | `cscart-category:${string}`;

/** A row may wait for any of several keys (say, a mapping change or the category appearing in the shop). */
const SEPARATOR = "\n";

export function joinWaitingKeys(keys: readonly string[]): string {
  return [...new Set(keys)].join(SEPARATOR);
}

export function splitWaitingKeys(stored: string): string[] {
  return stored.split(SEPARATOR).filter(Boolean);
}

export function waitsForMapping(module: string): WaitingKey {
  return `mapping:${module}`;
}

export const WAITS_FOR_SETTINGS: WaitingKey = "settings";

export function waitsForVismaItem(inventoryNumber: string): WaitingKey {
  return `visma-item:${inventoryNumber}`;
}

export function waitsForShopCategory(categoryId: string | number): WaitingKey {
  return `cscart-category:${categoryId}`;
}

/** What a row waits for in the shop owner's words: "… waits for <this>". */
export function describeWaitingFor(stored: string): string {
  return splitWaitingKeys(stored).map(describeKey).join(" or ");
}

function describeKey(key: string): string {
  if (key.startsWith("mapping:")) return "a change of the product mapping";
  if (key === WAITS_FOR_SETTINGS) return "a change of the settings";
  if (key.startsWith("visma-item:")) return `article "${key.slice("visma-item:".length)}" in Visma.net`;
  if (key.startsWith("cscart-category:")) return `category ${key.slice("cscart-category:".length)} in the shop`;
  return key;
}
