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

/** What kind of fix a key waits for (the run log words each: runLog.fixArrived). */
export type WaitingKind = "mapping" | "settings" | "vismaItem" | "shopCategory";

export function waitingKind(key: string): WaitingKind | undefined {
  if (key.startsWith("mapping:")) return "mapping";
  if (key === WAITS_FOR_SETTINGS) return "settings";
  if (key.startsWith("visma-item:")) return "vismaItem";
  if (key.startsWith("cscart-category:")) return "shopCategory";
  return undefined;
}

/** The one kind of fix all these rows waited for, or "several". */
export function waitedForOf(stored: readonly string[]): WaitingKind | "several" {
  const kinds = new Set(stored.flatMap(splitWaitingKeys).map(waitingKind));
  return kinds.size === 1 ? ([...kinds][0] ?? "several") : "several";
}
