/**
 * The first product import into a shop that already has its catalogue (docs/api-facts.md, "CS-Cart
 * product lookup by code"): every existing product is linked, none is created twice, and a code the
 * shop holds twice is refused instead of guessed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { cscartFetch } from "../../../simulators/testing";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";

let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function productPosts(harness: SyncHarness): number {
  return harness.cscart.requestStats().byRoute["POST /api/products"] ?? 0;
}

function shopProductsWithCode(harness: SyncHarness, code: string) {
  return [...harness.cscart.state.products.values()].filter((product) => product.productCode.toLowerCase() === code.toLowerCase());
}

describe("first product import into a shop with an existing catalogue", () => {
  it("links every existing product and creates only the items the shop lacks (bulk listing)", async () => {
    h = await startSyncHarness({ seed: 31, cscart: { orders: 0, products: 80 }, visma: { orders: 0, products: 80 } });
    const existing = new Map([...h.cscart.state.products.values()].map((product) => [product.productCode, product.productId]));
    const items = [...h.visma.state.inventory.values()];
    const missing = items.filter((item) => !existing.has(item.inventoryNumber));
    expect(existing.size).toBeGreaterThan(items.length / 2);
    expect(missing.length).toBeGreaterThan(0);

    const run = await h.run("PRODUCT_IMPORT");
    expect(run.status).toBe("SUCCEEDED");
    expect(productPosts(h)).toBe(missing.length);
    const ledger = new Map((await h.ledger("PRODUCT_IMPORT")).map((row) => [row.externalId, row]));
    for (const item of items) {
      expect(shopProductsWithCode(h, item.inventoryNumber)).toHaveLength(1);
      const linked = existing.get(item.inventoryNumber);
      if (linked !== undefined) expect(ledger.get(item.inventoryNumber)).toMatchObject({ state: "DONE", targetId: String(linked) });
    }
  });

  it("finds a product one by one by its exact code, whatever the case, and updates it instead of creating it", async () => {
    h = await startSyncHarness({ seed: 32, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } });
    expect((await h.run("PRODUCT_IMPORT")).status).toBe("SUCCEEDED");
    // The shop owner added the product by hand, and another whose code merely contains it.
    const category = h.cscart.state.categories[0]!.categoryId;
    for (const code of ["vinter-lue-7", "VINTER-LUE-7-XL"]) {
      expect(
        (
          await cscartFetch(h.cscart, "/api/products", {
            method: "POST",
            body: { product: "Lue", product_code: code, price: "99.00", category_ids: [category] },
          })
        ).status,
      ).toBe(201);
    }
    h.visma.upsertInventoryItem({ inventoryNumber: "VINTER-LUE-7", description: "Vinterlue", defaultPrice: 120, stock: { MAIN: 4 } });
    h.cscart.resetRequestStats();

    const run = await h.run("PRODUCT_IMPORT");
    expect(run.status).toBe("SUCCEEDED");
    expect(productPosts(h)).toBe(0);
    const [handMade] = shopProductsWithCode(h, "vinter-lue-7");
    expect(handMade!.product).toBe("Vinterlue");
    expect(shopProductsWithCode(h, "VINTER-LUE-7-XL")[0]!.product).toBe("Lue");
  });

  it("creates nothing when the lookup itself fails: the item is left pending for a later run", async () => {
    h = await startSyncHarness({ seed: 34, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } });
    expect((await h.run("PRODUCT_IMPORT")).status).toBe("SUCCEEDED");
    h.visma.upsertInventoryItem({ inventoryNumber: "NY-VARE-1", description: "Ny vare", defaultPrice: 50 });
    h.cscart.setFaults({ errorRate: 1, match: { method: "GET", pathPrefix: "/api/2.0/products" } });
    h.cscart.resetRequestStats();

    await h.run("PRODUCT_IMPORT");
    expect(productPosts(h)).toBe(0);
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "PRODUCT_IMPORT", externalId: "NY-VARE-1" } });
    expect(row.state).toBe("PENDING");
    expect(row.lastError).toMatch(/^Could not check whether the shop already has product code "NY-VARE-1", so nothing was written/);
    expect(row.errorKind).toBe("transient");
    expect(shopProductsWithCode(h, "NY-VARE-1")).toHaveLength(0);
  });

  it("fails an item whose code the shop holds twice, writing neither product, and goes on with the rest", async () => {
    h = await startSyncHarness({ seed: 33, cscart: { orders: 0, products: 40 }, visma: { orders: 0, products: 40 } });
    const twice = [...h.cscart.state.products.values()].find((product) => h!.visma.state.inventory.has(product.productCode))!;
    const copy = await cscartFetch(h.cscart, "/api/products", {
      method: "POST",
      body: { product: "Kopi", product_code: twice.productCode, price: "1.00", category_ids: [twice.categoryIds[0]] },
    });
    const copyId = Number(((await copy.json()) as { product_id: string }).product_id);
    const before = [twice.updatedTimestamp, h.cscart.state.products.get(copyId)!.updatedTimestamp];
    h.cscart.resetRequestStats();

    const run = await h.run("PRODUCT_IMPORT");
    expect(run.status).toBe("PARTIAL");
    expect(run.counts.failed).toBe(1);
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "PRODUCT_IMPORT", externalId: twice.productCode } });
    expect(row.state).toBe("FAILED");
    expect(row.lastError).toContain(`2 products with code "${twice.productCode}"`);
    expect(row.lastError).toContain(String(copyId));
    expect([twice.updatedTimestamp, h.cscart.state.products.get(copyId)!.updatedTimestamp]).toEqual(before);
    expect(shopProductsWithCode(h, twice.productCode)).toHaveLength(2);

    // Stock sync refuses the same item for the same reason instead of writing one of them.
    const stock = await h.run("STOCK_SYNC");
    const stockRow = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "STOCK_SYNC", externalId: twice.productCode } });
    expect(stock.counts.failed).toBeGreaterThanOrEqual(1);
    expect(stockRow).toMatchObject({ state: "FAILED", errorCode: "REMOTE_CONFLICT" });
  });
});
