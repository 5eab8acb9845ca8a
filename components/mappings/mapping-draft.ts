/**
 * The product mapping as the editor holds it (text in every input, so half-typed values survive)
 * and the conversions both ways. `mappingFromDraft` also checks what the browser can check alone
 * (ids are whole numbers), with the same error keys the server's zod paths use, so every message
 * lands beside its field whichever side found it. Errors are issues (code + params) that the editor
 * words in the reader's language (messages: validation.*).
 */
import type { ProductMapping, ProductMappingInput } from "@/lib/sync/transform";
import type { FieldIssue } from "@/lib/validation";

/** The CS-Cart product fields the editor maps; labels and hints are in messages (mappings.shopFields, mappings.shopFieldHints). */
export const SHOP_FIELDS = ["product_code", "product", "category", "tax_ids", "price", "amount", "main_image", "status"] as const;
export type ShopFieldName = (typeof SHOP_FIELDS)[number];

export type SourceKind = "visma" | "attribute" | "fixed" | "none";

export type SourceDraft = {
  from: SourceKind;
  field: string;
  attributeId: string;
  value: string;
  trim: boolean;
  uppercase: boolean;
  round2: boolean;
  /** Multiply by this factor; blank = no multiplication. */
  multiply: string;
};

export type MappingDraft = {
  fields: Record<ShopFieldName, SourceDraft>;
  taxRows: { vatCode: string; taxIds: string }[];
  defaultTaxIds: string;
  categoryRows: { value: string; categoryId: string }[];
  defaultCategoryId: string;
  tracking: "B" | "D";
};

type FieldSource = ProductMapping["fields"][ShopFieldName];

function sourceDraftOf(source: FieldSource): SourceDraft {
  const blank: SourceDraft = { from: "none", field: "inventoryNumber", attributeId: "", value: "", trim: false, uppercase: false, round2: false, multiply: "" };
  if (source === null) return blank;
  if (source.from === "fixed") return { ...blank, from: "fixed", value: String(source.value) };
  const ops = source.transforms;
  const multiply = ops.find((op) => op.op === "multiply");
  return {
    ...blank,
    from: source.from,
    ...(source.from === "visma" ? { field: source.field } : { attributeId: source.attributeId }),
    trim: ops.some((op) => op.op === "trim"),
    uppercase: ops.some((op) => op.op === "uppercase"),
    round2: ops.some((op) => op.op === "round2"),
    multiply: multiply && multiply.op === "multiply" ? String(multiply.by) : "",
  };
}

export function draftFromMapping(mapping: ProductMapping): MappingDraft {
  return {
    fields: Object.fromEntries(SHOP_FIELDS.map((name) => [name, sourceDraftOf(mapping.fields[name])])) as Record<ShopFieldName, SourceDraft>,
    taxRows: Object.entries(mapping.taxMapping).map(([vatCode, ids]) => ({ vatCode, taxIds: ids.join(", ") })),
    defaultTaxIds: (mapping.defaultTaxIds ?? []).join(", "),
    categoryRows: Object.entries(mapping.categoryMapping).map(([value, id]) => ({ value, categoryId: String(id) })),
    defaultCategoryId: String(mapping.defaultCategoryId),
    tracking: mapping.tracking,
  };
}

const WHOLE = /^\d+$/;

type Issues = Record<string, FieldIssue>;

function idList(text: string, key: string, errors: Issues): number[] {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = parts.find((part) => !WHOLE.test(part) || Number(part) === 0);
  if (bad !== undefined) errors[key] = { code: "notAnId", params: { value: bad } };
  return parts.map(Number);
}

function sourceOf(draft: SourceDraft, key: string, errors: Issues) {
  if (draft.from === "none") return null;
  if (draft.from === "fixed") return { from: "fixed" as const, value: draft.value };
  const transforms: { op: "trim" | "uppercase" | "round2" | "multiply"; by?: number }[] = [];
  if (draft.trim) transforms.push({ op: "trim" });
  if (draft.uppercase) transforms.push({ op: "uppercase" });
  if (draft.multiply.trim()) {
    const by = Number(draft.multiply.replace(",", "."));
    if (!Number.isFinite(by)) errors[`${key}.multiply`] = { code: "notANumber", params: { value: draft.multiply } };
    transforms.push({ op: "multiply", by });
  }
  if (draft.round2) transforms.push({ op: "round2" });
  return draft.from === "visma"
    ? { from: "visma" as const, field: draft.field, transforms }
    : { from: "attribute" as const, attributeId: draft.attributeId, transforms };
}

/** The mapping to send, and the errors the browser found (same keys as the server's). */
export function mappingFromDraft(draft: MappingDraft): { mapping: ProductMappingInput; errors: Issues } {
  const errors: Issues = {};
  const taxMapping: Record<string, number[]> = {};
  draft.taxRows.forEach((row, index) => {
    const code = row.vatCode.trim();
    if (!code) errors[`taxRows.${index}.vatCode`] = { code: "required" };
    else if (code in taxMapping) errors[`taxRows.${index}.vatCode`] = { code: "duplicate", params: { value: code } };
    // No ids: the VAT code's items carry no shop tax (a VAT code for sales without VAT), as stored.
    const ids = idList(row.taxIds, `taxRows.${index}.taxIds`, errors);
    if (code) taxMapping[code] = ids;
  });
  const categoryMapping: Record<string, number> = {};
  draft.categoryRows.forEach((row, index) => {
    const value = row.value.trim();
    if (!value) errors[`categoryRows.${index}.value`] = { code: "required" };
    if (!WHOLE.test(row.categoryId.trim()) || Number(row.categoryId) === 0) errors[`categoryRows.${index}.categoryId`] = { code: "invalid" };
    if (value) categoryMapping[value] = Number(row.categoryId);
  });
  if (!WHOLE.test(draft.defaultCategoryId.trim()) || Number(draft.defaultCategoryId) === 0) errors.defaultCategoryId = { code: "invalid" };
  const defaultTaxIds = idList(draft.defaultTaxIds, "defaultTaxIds", errors);
  const fields = Object.fromEntries(SHOP_FIELDS.map((name) => [name, sourceOf(draft.fields[name], `fields.${name}`, errors)]));
  const mapping = {
    fields,
    taxMapping,
    ...(defaultTaxIds.length ? { defaultTaxIds } : {}),
    categoryMapping,
    defaultCategoryId: Number(draft.defaultCategoryId),
    tracking: draft.tracking,
  } as ProductMappingInput;
  return { mapping, errors };
}

/** The first error at `path` or below it (server errors for map rows are keyed by the map key). */
export function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  return Object.entries(errors).find(([key]) => key === path || key.startsWith(`${path}.`))?.[1];
}
