import { describe, it, expect } from "vitest";
import { caughtAppError } from "../../http/caught-app-error";
import { DEFAULT_PRODUCT_MAPPING, mapInventoryItemToProduct, parseProductMapping, stockAmountFor, type ProductMapping } from "./products";
import { inventoryItem } from "./fixtures";

const mapping: ProductMapping = parseProductMapping({
  ...DEFAULT_PRODUCT_MAPPING,
  taxMapping: { "3": [6] },
  categoryMapping: { FinishedGoodItem: 12 },
  defaultCategoryId: 99,
});

let signature = 0;
const ctx = {
  imageUrlFor: (image: { attachmentId: string; revision: number }) =>
    `https://apicenter.example/img/${image.attachmentId}/${image.revision}?sig=${++signature}`,
};

describe("mapInventoryItemToProduct", () => {
  it("maps the documented item with the default mapping", () => {
    const result = mapInventoryItemToProduct(inventoryItem(), mapping, ctx);
    expect(result.payload).toEqual({
      product_code: "TSHIRT-BLK-M",
      product: "T-shirt black M",
      price: "159.20",
      amount: 41,
      tracking: "B",
      status: "A",
      category_ids: [12],
      main_category: 12,
      tax_ids: [6],
      main_pair: { detailed: { image_path: expect.stringContaining("/img/5f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11/1?sig="), alt: "T-shirt black M" } },
    });
    expect(result.imageKey).toBe("5f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11:1");
    expect(result.payloadHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("leaves the image out when it is unchanged, and the hash ignores the signed URL", () => {
    const first = mapInventoryItemToProduct(inventoryItem(), mapping, ctx);
    const again = mapInventoryItemToProduct(inventoryItem(), mapping, { ...ctx, previousImageKey: first.imageKey });
    expect(again.payload).not.toHaveProperty("main_pair");
    expect(again.payloadHash).toBe(first.payloadHash);
    const newRevision = mapInventoryItemToProduct(
      inventoryItem({ attachments: [{ name: "tshirt-blk.jpg", id: "5f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11", revision: 2 }] }),
      mapping,
      { ...ctx, previousImageKey: first.imageKey },
    );
    expect(newRevision.payload.main_pair).toBeDefined();
    expect(newRevision.payloadHash).not.toBe(first.payloadHash);
    const newPrice = mapInventoryItemToProduct(inventoryItem({ defaultPrice: 149 }), mapping, ctx);
    expect(newPrice.payloadHash).not.toBe(first.payloadHash);
  });

  it("supports item class categories, attributes, fixed values and transforms", () => {
    const custom = parseProductMapping({
      ...mapping,
      fields: {
        ...mapping.fields,
        product_code: { from: "visma", field: "inventoryNumber", transforms: [{ op: "trim" }, { op: "uppercase" }] },
        category: { from: "visma", field: "itemClass.id" },
        price: { from: "visma", field: "recommendedPrice", transforms: [{ op: "multiply", by: 0.9 }, { op: "round2" }] },
        amount: { from: "visma", field: "warehouse.onHand" },
        product: { from: "attribute", attributeId: "WEBNAME", transforms: [{ op: "trim" }] },
        status: { from: "visma", field: "status" },
        main_image: null,
      },
      categoryMapping: { TEXTIL: 45 },
    });
    // The warehouses come from Settings, not from the mapping.
    const { payload, imageKey } = mapInventoryItemToProduct(
      inventoryItem({ inventoryNumber: " tshirt-blk-m ", status: "Inactive", attributes: [{ id: "WEBNAME", value: " Black tee " }] }),
      custom,
      {
        ...ctx,
        warehouses: { mode: "one", warehouseId: "MAIN" },
      },
    );
    expect(payload).toMatchObject({ product_code: "TSHIRT-BLK-M", product: "Black tee", category_ids: [45], price: "179.10", amount: 39, status: "D" });
    expect(payload).not.toHaveProperty("main_pair");
    expect(imageKey).toBeNull();
  });

  it("falls back to the default category and refuses an unmapped VAT code without default tax", async () => {
    const other = mapInventoryItemToProduct(inventoryItem({ type: "NonStockItem", vatCode: { id: "3" } }), mapping, ctx);
    expect(other.payload.category_ids).toEqual([99]);
    const error = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem({ vatCode: { id: "5" } }), mapping, ctx));
    expect(error.code).toBe("MAPPING_INVALID");
    expect(error.message).toContain('field "tax_ids": VAT code "5" has no CS-Cart tax');
    const withDefault = mapInventoryItemToProduct(inventoryItem({ vatCode: { id: "5" } }), { ...mapping, defaultTaxIds: [1] }, ctx);
    expect(withDefault.payload.tax_ids).toEqual([1]);
  });

  it("reports items without a name or price as data errors", async () => {
    expect((await caughtAppError(() => mapInventoryItemToProduct(inventoryItem({ description: "  " }), mapping, ctx))).code).toBe("INVENTORY_ITEM_INVALID");
    const noPrice = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem({ defaultPrice: null }), mapping, ctx));
    expect(noPrice.code).toBe("INVENTORY_ITEM_INVALID");
    expect(noPrice.message).toContain("TSHIRT-BLK-M has no price");
  });

  it("names the field when a transform does not fit the value", async () => {
    const bad = parseProductMapping({
      ...mapping,
      fields: { ...mapping.fields, price: { from: "visma", field: "description", transforms: [{ op: "round2" }] } },
    });
    const error = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem(), bad, ctx));
    expect(error.code).toBe("MAPPING_INVALID");
    expect(error.message).toContain('field "price": "round2" needs a number');
  });
});

describe("parseProductMapping", () => {
  it("accepts the default mapping and names the failing field of a bad one", async () => {
    expect(parseProductMapping(DEFAULT_PRODUCT_MAPPING)).toEqual(DEFAULT_PRODUCT_MAPPING);
    const error = await caughtAppError(() =>
      parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, fields: { ...DEFAULT_PRODUCT_MAPPING.fields, price: { from: "visma", field: "cost" } } }),
    );
    expect(error.code).toBe("MAPPING_INVALID");
    expect(error.message).toContain("fields.price");
    // A saved mapping from before warehouses moved to Settings still parses; the old key is dropped.
    expect(parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, warehouse: { mode: "one", warehouseId: "MAIN" } })).toEqual(DEFAULT_PRODUCT_MAPPING);
  });
});

describe("inventory tracking", () => {
  it("is B or D; a mapping saved with O (gone since CS-Cart 4.13) reads as B", async () => {
    expect(parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, tracking: "O" }).tracking).toBe("B");
    expect(parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, tracking: "D" }).tracking).toBe("D");
    expect((await caughtAppError(() => parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, tracking: "X" }))).code).toBe("MAPPING_INVALID");
  });
});

describe("stockAmountFor", () => {
  it("sums all warehouses or takes one, in whole units and never below zero", () => {
    const item = inventoryItem();
    expect(stockAmountFor(item, { mode: "sum" })).toBe(41);
    expect(stockAmountFor(item, { mode: "one", warehouseId: "STORE" })).toBe(4);
    expect(stockAmountFor(item, { mode: "one", warehouseId: "NOPE" })).toBe(0);
    expect(stockAmountFor(item, { mode: "sum" }, "onHand")).toBe(44);
    expect(stockAmountFor({ warehouseDetails: [{ warehouse: "MAIN", available: -3, isDefault: true }] } as never, { mode: "sum" })).toBe(0);
    expect(stockAmountFor({ warehouseDetails: [{ warehouse: "MAIN", available: 2.7 }] } as never, { mode: "sum" })).toBe(2);
    expect(stockAmountFor({ warehouseDetails: null }, { mode: "sum" })).toBe(0);
  });
});
