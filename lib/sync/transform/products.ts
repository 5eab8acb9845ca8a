import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, type ErrorParams } from "../../errors";
import { describeZodError, parseOrThrow } from "../../validation";
import { CsCartProductPayloadSchema, type CsCartProductPayload } from "../../integrations/cscart/schemas";
import type { VismaInventoryItem } from "../../integrations/visma/schemas";
import type { WarehouseSelection } from "../../settings/update-settings.schema";
import { waitsForMapping } from "../engine/waiting-for-keys";
import { Money, roundCents } from "./money";

/**
 * The tenant's editable product field mapping (Visma.net inventory item → CS-Cart product).
 * Each shop field takes a Visma field, an item attribute, or a fixed value, plus simple transforms.
 */

export const VISMA_SOURCE_FIELDS = [
  "inventoryNumber",
  "description",
  "type",
  "status",
  "itemClass.id",
  "itemClass.description",
  "vatCode.id",
  "defaultPrice",
  "recommendedPrice",
  "warehouse.available",
  "warehouse.onHand",
  "attachment",
] as const;
export type VismaSourceField = (typeof VISMA_SOURCE_FIELDS)[number];

const TransformSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("trim") }),
  z.object({ op: z.literal("uppercase") }),
  z.object({ op: z.literal("round2") }),
  z.object({ op: z.literal("multiply"), by: z.number().finite() }),
]);
export type FieldTransform = z.output<typeof TransformSchema>;

const transforms = z.array(TransformSchema).default([]);

const FieldSourceSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("visma"), field: z.enum(VISMA_SOURCE_FIELDS), transforms }),
  z.object({ from: z.literal("attribute"), attributeId: z.string().trim().min(1), transforms }),
  z.object({ from: z.literal("fixed"), value: z.union([z.string(), z.number()]) }),
]);
export type FieldSource = z.output<typeof FieldSourceSchema>;

const cscartId = z.number().int().positive();

export const ProductMappingSchema = z.object({
  fields: z.object({
    product_code: FieldSourceSchema,
    product: FieldSourceSchema,
    category: FieldSourceSchema,
    tax_ids: FieldSourceSchema,
    price: FieldSourceSchema,
    amount: FieldSourceSchema,
    /** null: images are not synced. */
    main_image: FieldSourceSchema.nullable(),
    status: FieldSourceSchema,
  }),
  /** Visma vatCode id → CS-Cart tax ids. */
  taxMapping: z.record(z.string(), z.array(cscartId)).default({}),
  /** Used for VAT codes missing from taxMapping; without it such an item is a mapping error. */
  defaultTaxIds: z.array(cscartId).optional(),
  /**
   * The item's other pictures become the product's additional images, in the item's order (sending
   * them replaces all of the product's additional images, so they are sent only when they change).
   */
  additionalImages: z.boolean().default(true),
  /** Visma type or item class value → CS-Cart category id. */
  categoryMapping: z.record(z.string(), cscartId).default({}),
  defaultCategoryId: cscartId,
  /**
   * CS-Cart inventory tracking: B = track, D = do not track. 4.13 dropped O ("track with options"; its
   * ProductTracking maps it to B), so mappings saved with O read as B.
   */
  tracking: z.preprocess((value) => (value === "O" ? "B" : value), z.enum(["B", "D"])).default("B"),
});
export type ProductMapping = z.output<typeof ProductMappingSchema>;
export type ProductMappingInput = z.input<typeof ProductMappingSchema>;

/** Defaults per docs/architecture.md ("Defaults"). Category 1 is a placeholder each tenant sets to its own. */
export const DEFAULT_PRODUCT_MAPPING: ProductMapping = ProductMappingSchema.parse({
  fields: {
    product_code: { from: "visma", field: "inventoryNumber", transforms: [{ op: "trim" }] },
    product: { from: "visma", field: "description", transforms: [{ op: "trim" }] },
    category: { from: "visma", field: "type" },
    tax_ids: { from: "visma", field: "vatCode.id" },
    price: { from: "visma", field: "defaultPrice", transforms: [{ op: "round2" }] },
    amount: { from: "visma", field: "warehouse.available" },
    main_image: { from: "visma", field: "attachment" },
    status: { from: "fixed", value: "A" },
  },
  defaultCategoryId: 1,
});

/** Validates a stored or submitted mapping; errors name the field (MAPPING_INVALID). */
export function parseProductMapping(input: unknown): ProductMapping {
  return parseOrThrow(ProductMappingSchema, input, "product mapping", "MAPPING_INVALID");
}

// ---- stock ----

/** Stock for the shop: `available` summed over all warehouses, or of one warehouse; whole units, never negative. */
export function stockAmountFor(
  item: Pick<VismaInventoryItem, "warehouseDetails">,
  selection: WarehouseSelection,
  quantity: "available" | "onHand" = "available",
): number {
  const details = (item.warehouseDetails ?? []).filter((detail) => selection.mode === "sum" || detail.warehouse === selection.warehouseId);
  const total = details.reduce((sum, detail) => sum.plus((quantity === "available" ? detail.available : detail.quantityOnHand) ?? 0), new Money(0));
  return Math.max(0, total.floor().toNumber());
}

// ---- images ----

const IMAGE_NAME = /\.(jpe?g|png|gif|webp)$/i;

export interface ItemImage {
  attachmentId: string;
  revision: number;
  name: string;
  /** Changes when the picture changes, not when its signed URL does. */
  key: string;
}

/**
 * The item's pictures in its own order: the attachments that look like pictures, or the first
 * attachment when names say nothing. The first is the main image.
 */
export function imagesOf(item: Pick<VismaInventoryItem, "attachments">): ItemImage[] {
  const attachments = item.attachments ?? [];
  const pictures = attachments.filter((attachment) => IMAGE_NAME.test(attachment.name ?? ""));
  return (pictures.length ? pictures : attachments.slice(0, 1)).map((chosen) => {
    const revision = chosen.revision ?? 0;
    return { attachmentId: chosen.id, revision, name: chosen.name ?? "", key: `${chosen.id}:${revision}` };
  });
}

export function mainImageOf(item: Pick<VismaInventoryItem, "attachments">): ItemImage | undefined {
  return imagesOf(item)[0];
}

// ---- field resolution ----

type FieldName = keyof ProductMapping["fields"];
type SourceValue = string | number | undefined;

/**
 * `params` word the problem in the reader's language (errors.MAPPING_INVALID.<variant>). The item
 * waits for the mapping: the next import after the mapping changes tries it again.
 */
function mappingError(field: FieldName, problem: string, params: ErrorParams & { variant: string }): AppError {
  return new AppError("MAPPING_INVALID", `Product mapping, field "${field}": ${problem}`, {
    details: { field, waitsFor: waitsForMapping("PRODUCT_IMPORT") },
    params: { ...params, field },
  });
}

function readVismaField(item: VismaInventoryItem, field: VismaSourceField, warehouses: WarehouseSelection): SourceValue {
  switch (field) {
    case "inventoryNumber":
      return item.inventoryNumber;
    case "description":
      return item.description ?? undefined;
    case "type":
      return item.type ?? undefined;
    case "status":
      return item.status ?? undefined;
    case "itemClass.id":
      return item.itemClass?.id ?? undefined;
    case "itemClass.description":
      return item.itemClass?.description ?? undefined;
    case "vatCode.id":
      return item.vatCode?.id ?? undefined;
    case "defaultPrice":
      return item.defaultPrice ?? undefined;
    case "recommendedPrice":
      return item.recommendedPrice ?? undefined;
    case "warehouse.available":
      return stockAmountFor(item, warehouses, "available");
    case "warehouse.onHand":
      return stockAmountFor(item, warehouses, "onHand");
    case "attachment":
      return mainImageOf(item)?.key;
  }
}

function applyTransform(value: SourceValue, transform: FieldTransform, field: FieldName): SourceValue {
  if (value === undefined) return undefined;
  if (transform.op === "trim") return String(value).trim();
  if (transform.op === "uppercase") return String(value).toUpperCase();
  const number = Number(value);
  if (typeof value === "string" && value.trim() === "") return undefined;
  if (!Number.isFinite(number))
    throw mappingError(field, `"${transform.op}" needs a number, but the value is "${value}".`, {
      variant: "notANumber",
      op: transform.op,
      value: String(value),
    });
  if (transform.op === "round2") return roundCents(new Money(number)).toNumber();
  return new Money(number).times(transform.by).toNumber();
}

function resolveField(item: VismaInventoryItem, mapping: ProductMapping, field: FieldName, warehouses: WarehouseSelection): SourceValue {
  const source = mapping.fields[field];
  if (source === null) return undefined;
  if (source.from === "fixed") return source.value;
  const raw =
    source.from === "visma"
      ? readVismaField(item, source.field, warehouses)
      : ((item.attributes ?? []).find((attribute) => attribute.id === source.attributeId)?.value ?? undefined);
  return source.transforms.reduce<SourceValue>((value, transform) => applyTransform(value, transform, field), raw);
}

function requireText(value: SourceValue, item: VismaInventoryItem, field: FieldName, meaning: string): string {
  const result = value === undefined ? "" : String(value).trim();
  if (!result) {
    throw new AppError("INVENTORY_ITEM_INVALID", `Visma.net item ${item.inventoryNumber} has no value for the shop's ${meaning} (mapping field "${field}").`, {
      params: { variant: "noValue", inventoryNumber: item.inventoryNumber, field },
      details: { inventoryNumber: item.inventoryNumber, field },
    });
  }
  return result;
}

function categoryIdFor(value: SourceValue, mapping: ProductMapping): number {
  if (mapping.fields.category.from === "fixed") {
    const fixed = Number(value);
    if (!Number.isInteger(fixed) || fixed <= 0)
      throw mappingError("category", `the fixed value "${value}" is not a CS-Cart category id.`, { variant: "notACategory", value: String(value) });
    return fixed;
  }
  return value === undefined ? mapping.defaultCategoryId : (mapping.categoryMapping[String(value)] ?? mapping.defaultCategoryId);
}

function taxIdsFor(value: SourceValue, mapping: ProductMapping): number[] {
  if (mapping.fields.tax_ids.from === "fixed") {
    const ids = String(value)
      .split(",")
      .map((part) => Number(part.trim()));
    if (ids.some((id) => !Number.isInteger(id) || id <= 0))
      throw mappingError("tax_ids", `the fixed value "${value}" is not a list of CS-Cart tax ids.`, { variant: "notTaxIds", value: String(value) });
    return ids;
  }
  const mapped = value === undefined ? undefined : mapping.taxMapping[String(value)];
  if (mapped) return mapped;
  if (mapping.defaultTaxIds) return mapping.defaultTaxIds;
  if (value === undefined) throw mappingError("tax_ids", "an item without a VAT code has no CS-Cart tax, and no default tax is set.", { variant: "noVatCode" });
  throw mappingError("tax_ids", `VAT code "${value}" has no CS-Cart tax in the tax mapping, and no default tax is set.`, {
    variant: "vatCodeUnmapped",
    vatCode: String(value),
  });
}

function shopStatusFor(value: SourceValue): "A" | "D" | "H" {
  const status = String(value ?? "A").trim();
  if (status === "A" || status === "D" || status === "H") return status;
  // Visma item statuses: only active items are for sale.
  return status === "Active" || status === "NoPurchases" || status === "NoRequest" ? "A" : "D";
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface ProductMappingContext {
  /** The warehouses whose stock counts (chosen in Settings, for product import and stock sync alike); default: all. */
  warehouses?: WarehouseSelection;
  /** Signed, expiring URL where the shop can fetch the item's picture (served by APIcenter). */
  imageUrlFor?: (image: ItemImage, item: VismaInventoryItem) => string;
  /** The image key written last time; the picture is sent only when it differs. */
  previousImageKey?: string | null;
  /** The additional images' keys written last time, in order; they are sent (all of them) only when the list differs. */
  previousAdditionalImageKeys?: readonly string[] | null;
}

export interface MappedProduct {
  payload: CsCartProductPayload;
  /** sha256 of the canonical payload without the image URLs, plus the image keys. Unchanged hash → skip the write. */
  payloadHash: string;
  /** Current image key (attachment id + revision), to store after a successful write. */
  imageKey: string | null;
  /** Current additional images' keys, in order, to store after a successful write. */
  additionalImageKeys: string[];
}

/** Visma.net inventory item → CS-Cart product payload with a stable hash. */
export function mapInventoryItemToProduct(item: VismaInventoryItem, mapping: ProductMapping, ctx: ProductMappingContext = {}): MappedProduct {
  const warehouses = ctx.warehouses ?? { mode: "sum" };
  const resolve = (field: FieldName) => resolveField(item, mapping, field, warehouses);
  const price = resolve("price");
  if (price === undefined || !Number.isFinite(Number(price))) {
    throw new AppError("INVENTORY_ITEM_INVALID", `Visma.net item ${item.inventoryNumber} has no price for the shop (mapping field "price").`, {
      params: { variant: "noPrice", inventoryNumber: item.inventoryNumber },
      details: { inventoryNumber: item.inventoryNumber, field: "price" },
    });
  }
  const amount = resolve("amount");
  const categoryId = categoryIdFor(resolve("category"), mapping);
  const withoutImage = {
    product_code: requireText(resolve("product_code"), item, "product_code", "product code"),
    product: requireText(resolve("product"), item, "product", "product name"),
    price: new Money(price).toFixed(2),
    ...(amount === undefined ? {} : { amount: Math.max(0, Math.floor(Number(amount))) }),
    tracking: mapping.tracking,
    status: shopStatusFor(resolve("status")),
    category_ids: [categoryId],
    main_category: categoryId,
    tax_ids: taxIdsFor(resolve("tax_ids"), mapping),
  };

  const images = mapping.fields.main_image ? imagesOf(item) : [];
  const image = images[0];
  const imageKey = image?.key ?? null;
  const additional = mapping.additionalImages ? images.slice(1) : [];
  const additionalImageKeys = additional.map((extra) => extra.key);
  const sendImage = image !== undefined && ctx.imageUrlFor !== undefined && ctx.previousImageKey !== imageKey;
  // Sending image_pairs replaces every additional image the product has (Products.php 4.13): only when
  // the list changed, and an empty list only when there were images to remove.
  const previousAdditional = ctx.previousAdditionalImageKeys ?? [];
  const sendAdditional =
    ctx.imageUrlFor !== undefined && additionalImageKeys.join("|") !== previousAdditional.join("|") && (additional.length > 0 || previousAdditional.length > 0);
  const candidate = {
    ...withoutImage,
    ...(sendImage ? { main_pair: { detailed: { image_path: ctx.imageUrlFor!(image!, item), alt: withoutImage.product } } } : {}),
    ...(sendAdditional
      ? {
          image_pairs: additional.map((extra, index) => ({
            detailed: { image_path: ctx.imageUrlFor!(extra, item), alt: withoutImage.product },
            position: index + 1,
          })),
        }
      : {}),
  };
  const parsed = CsCartProductPayloadSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError(
      "MAPPING_INVALID",
      `Product mapping gives an invalid CS-Cart product for item ${item.inventoryNumber}: ${describeZodError(parsed.error)}`,
      {
        // The problem is the CS-Cart schema's own (English) wording of the fields.
        params: { variant: "invalidProduct", inventoryNumber: item.inventoryNumber, problem: describeZodError(parsed.error) },
        details: { inventoryNumber: item.inventoryNumber, waitsFor: waitsForMapping("PRODUCT_IMPORT") },
      },
    );
  }
  const payloadHash = createHash("sha256")
    .update(canonicalJson({ product: withoutImage, imageKey, ...(additionalImageKeys.length ? { additionalImageKeys } : {}) }))
    .digest("hex");
  return { payload: parsed.data, payloadHash, imageKey, additionalImageKeys };
}
