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

/** An open point: in English, and as a message under setup.details with its values. */
export type MappingGap = { english: string; text: { key: string; values?: Record<string, string | number> } };

/** Every open point of the checklist step "taxes and categories mapped". */
export function mappingGapList(active: ActiveMapping, inUse: ValuesInUse = {}): MappingGap[] {
  if (active.version === null) return [{ english: blockingMappingGaps(active)[0]!, text: { key: "neverSaved" } }];
  const { config } = active;
  const gaps: MappingGap[] = blockingMappingGaps(active).map((english) => ({ english, text: { key: "noTaxes" } }));
  if (config.fields.category.from !== "fixed" && Object.keys(config.categoryMapping).length === 0) {
    gaps.push({
      english: `Map the Visma.net values of the category field to CS-Cart categories (or choose a fixed category): now every product goes to category ${config.defaultCategoryId}.`,
      text: { key: "noCategories", values: { category: config.defaultCategoryId } },
    });
  }
  const vatCodes = unmappedVatCodes(config, inUse.vatCodes ?? []);
  if (vatCodes.length && !gaps.some((gap) => gap.text.key === "noTaxes")) {
    gaps.push({
      english: `VAT code${vatCodes.length > 1 ? "s" : ""} ${vatCodes.join(", ")} occur${vatCodes.length > 1 ? "" : "s"} in your Visma.net items but ha${vatCodes.length > 1 ? "ve" : "s"} no CS-Cart tax: those items would fail.`,
      text: { key: "vatCodesUnmapped", values: { count: vatCodes.length, codes: vatCodes.join(", ") } },
    });
  }
  return gaps;
}

/** The open points in English. */
export function mappingGaps(active: ActiveMapping, inUse: ValuesInUse = {}): string[] {
  return mappingGapList(active, inUse).map((gap) => gap.english);
}
