/**
 * What a product mapping leaves unmapped, in words: the setup checklist's step "taxes and
 * categories mapped", the product import's prerequisite, and the mapping page's marks. Pure.
 *
 * Blocking (a run would fail every item, or put everything in the placeholder category 1): never
 * saved; VAT codes read from Visma.net with no tax mapping and no default tax. For the checklist
 * also: categories read from Visma.net with no category mapping, and VAT codes or category values
 * that occur in the company's items (the pick-lists) without a mapping.
 */
import type { ProductMapping } from "../sync/transform";

export type ActiveMapping = { version: number | null; config: ProductMapping };

/** What occurs in the company's items, when the pick-lists have read it. */
export type ValuesInUse = { vatCodes?: readonly string[]; categoryValues?: readonly string[] };

/** Why a product import cannot run on this mapping; empty when it can. */
export function blockingMappingGaps({ version, config }: ActiveMapping): string[] {
  if (version === null) return ["Save the product mapping once: the default maps no VAT code to a CS-Cart tax and puts every product in category 1."];
  const gaps: string[] = [];
  if (config.fields.tax_ids.from !== "fixed" && Object.keys(config.taxMapping).length === 0 && !config.defaultTaxIds?.length) {
    gaps.push("Map the Visma.net VAT codes to CS-Cart taxes (or set a default tax): without it every product fails.");
  }
  return gaps;
}

/** VAT codes that occur in the items but have no CS-Cart tax (and no default tax catches them). */
export function unmappedVatCodes(config: ProductMapping, inUse: readonly string[]): string[] {
  if (config.fields.tax_ids.from === "fixed" || config.defaultTaxIds?.length) return [];
  return inUse.filter((code) => !config.taxMapping[code]);
}

/** Category values that occur in the items but have no category (they go to the default category). */
export function unmappedCategoryValues(config: ProductMapping, inUse: readonly string[]): string[] {
  if (config.fields.category.from === "fixed") return [];
  return inUse.filter((value) => config.categoryMapping[value] === undefined);
}

/** Every open point of the checklist step "taxes and categories mapped". */
export function mappingGaps(active: ActiveMapping, inUse: ValuesInUse = {}): string[] {
  const gaps = blockingMappingGaps(active);
  if (active.version === null) return gaps;
  const { config } = active;
  if (config.fields.category.from !== "fixed" && Object.keys(config.categoryMapping).length === 0) {
    gaps.push(`Map the Visma.net values of the category field to CS-Cart categories (or choose a fixed category): now every product goes to category ${config.defaultCategoryId}.`);
  }
  const vatCodes = unmappedVatCodes(config, inUse.vatCodes ?? []);
  if (vatCodes.length && !gaps.some((gap) => gap.startsWith("Map the Visma.net VAT codes"))) {
    gaps.push(`VAT code${vatCodes.length > 1 ? "s" : ""} ${vatCodes.join(", ")} occur${vatCodes.length > 1 ? "" : "s"} in your Visma.net items but ha${vatCodes.length > 1 ? "ve" : "s"} no CS-Cart tax: those items would fail.`);
  }
  return gaps;
}
