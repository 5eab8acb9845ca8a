import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { readCursor, SinceCursorCodec } from "../engine/cursor";
import { productImport } from "./product-import/definition";

let h: SyncHarness;

/** CS-Cart writes (POST/PUT) since the last reset of the simulator's request counts. */
function shopWrites(harness: SyncHarness): number {
  return Object.entries(harness.cscart.requestStats().byRoute)
    .filter(([route]) => route.startsWith("POST ") || route.startsWith("PUT "))
    .reduce((sum, [, count]) => sum + count, 0);
}

function shopProduct(harness: SyncHarness, code: string) {
  return [...harness.cscart.state.products.values()].find((product) => product.productCode === code);
}

beforeAll(async () => {
  h = await startSyncHarness({ seed: 5, cscart: { orders: 0, products: 60 }, visma: { orders: 0, products: 60, maxPageSize: { inventory: 25 } } });
});
afterAll(async () => h?.close());

describe("product import", () => {
  it("creates and updates shop products from Visma.net items, then writes nothing when nothing changed", async () => {
    const first = await h.run("PRODUCT_IMPORT");
    expect(first.status).toBe("SUCCEEDED");
    const vismaItems = [...h.visma.state.inventory.values()];
    expect(first.counts.created + first.counts.updated).toBe(vismaItems.length);
    const sample = vismaItems[3]!;
    const product = shopProduct(h, sample.inventoryNumber)!;
    expect(product).toBeDefined();
    expect(product.product).toBe(sample.description);

    h.cscart.resetRequestStats();
    const again = await h.run("PRODUCT_IMPORT");
    expect(again.counts.created + again.counts.updated).toBe(0);
    expect(shopWrites(h)).toBe(0);
  });

  it("writes only the item that changed, and sends its picture only when the picture changed", async () => {
    const item = [...h.visma.state.inventory.values()].find((candidate) => candidate.status === "Active")!;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, description: "Ullgenser, ny modell ÆØÅ" });
    h.cscart.resetRequestStats();
    const imageWritesBefore = h.cscart.state.imageWrites.length;
    const run = await h.run("PRODUCT_IMPORT");
    expect(run.counts.updated).toBe(1);
    expect(shopWrites(h)).toBe(1);
    expect(shopProduct(h, item.inventoryNumber)!.product).toBe("Ullgenser, ny modell ÆØÅ");
    expect(h.cscart.state.imageWrites.length).toBe(imageWritesBefore);

    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentName: "new-picture.jpg" });
    await h.run("PRODUCT_IMPORT");
    expect(h.cscart.state.imageWrites.length).toBe(imageWritesBefore + 1);
  });

  it("uses the mapping in force: a changed mapping shows in the shop after a re-import", async () => {
    const latest = await db.mapping.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "PRODUCT_IMPORT" }, orderBy: { version: "desc" } });
    const config = latest.config as { fields: Record<string, unknown> };
    await db.mapping.create({
      data: {
        tenantId: h.tenant.id,
        module: "PRODUCT_IMPORT",
        version: latest.version + 1,
        config: { ...config, fields: { ...config.fields, product: { from: "visma", field: "inventoryNumber", transforms: [] } } },
      },
    });
    const run = await h.run("PRODUCT_IMPORT", "REIMPORT", undefined, { reimportFrom: new Date("2000-01-01") });
    expect(run.status).toBe("SUCCEEDED");
    const item = [...h.visma.state.inventory.values()][0]!;
    expect(shopProduct(h, item.inventoryNumber)!.product).toBe(item.inventoryNumber);
  });

  it("fails a product for a person to look at after repeated transient failures, as for orders", async () => {
    const item = [...h.visma.state.inventory.values()].find((candidate) => candidate.status === "Active" && shopProduct(h, candidate.inventoryNumber))!;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, defaultPrice: 987.65 });
    h.cscart.setFaults({ errorRate: 1, match: { method: "PUT", pathPrefix: "/api/2.0/products" } });
    try {
      for (let run = 0; run < productImport.retry.perRecordAttempts; run++) await h.run("PRODUCT_IMPORT");
    } finally {
      h.cscart.setFaults({});
    }
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "PRODUCT_IMPORT", externalId: item.inventoryNumber } });
    expect(row).toMatchObject({ state: "FAILED", errorCode: "RETRIES_EXHAUSTED", attempts: productImport.retry.perRecordAttempts });
    expect(row.lastError).toMatch(/^Tried 8 times without success; the last error was: /);
    // Failed until someone retries it (or it changes in Visma.net); once the shop is back, a retry writes it.
    const retried = await h.run("PRODUCT_IMPORT", "RETRY", [row.id]);
    expect(retried.counts.updated).toBe(1);
    expect(await db.syncItem.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      state: "DONE",
      attempts: productImport.retry.perRecordAttempts + 1,
      errorCode: null,
    });
  });

  it("does not move the cursor past a page it could not read, and picks up from there", async () => {
    const fresh = await startSyncHarness({ seed: 6, cscart: { orders: 0, products: 60 }, visma: { orders: 0, products: 60, maxPageSize: { inventory: 25 } } });
    try {
      // The first inventory page is served; then the remote keeps refusing (429) beyond our retries.
      fresh.visma.setFaults({ rateLimitBurst: { every: 1, count: 1000, retryAfterSeconds: 1 }, match: { method: "GET", pathPrefix: "/v1/inventory" } });
      // A transient failure fails the run and is rethrown, so pg-boss retries the job with backoff.
      await expect(fresh.run("PRODUCT_IMPORT")).rejects.toMatchObject({ code: "REMOTE_RATE_LIMITED" });
      const failed = await db.syncRun.findFirstOrThrow({ where: { tenantId: fresh.tenant.id, module: "PRODUCT_IMPORT" } });
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toMatch(/slow down/);
      expect(await readCursor(fresh.tenant.id, "PRODUCT_IMPORT", SinceCursorCodec)).toBeNull();
      const writtenBefore = await db.syncItem.count({ where: { tenantId: fresh.tenant.id, module: "PRODUCT_IMPORT", state: "DONE" } });
      expect(writtenBefore).toBe(25);

      fresh.visma.setFaults({});
      const resumed = await fresh.run("PRODUCT_IMPORT");
      expect(resumed.status).toBe("SUCCEEDED");
      expect(resumed.counts.skipped).toBe(25); // page 1 was checkpointed: not written again
      expect(await db.syncItem.count({ where: { tenantId: fresh.tenant.id, module: "PRODUCT_IMPORT", state: "DONE" } })).toBe(fresh.visma.state.inventory.size);
      expect(await readCursor(fresh.tenant.id, "PRODUCT_IMPORT", SinceCursorCodec)).not.toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe("stock sync", () => {
  it("sets the shop amount to Visma.net availability, for changed items only", async () => {
    await h.run("STOCK_SYNC");
    const item = [...h.visma.state.inventory.values()].find((candidate) => candidate.stockItem && shopProduct(h, candidate.inventoryNumber))!;
    h.visma.setStock(item.inventoryNumber, { warehouse: "MAIN", onHand: 4321 });
    h.cscart.resetRequestStats();
    const run = await h.run("STOCK_SYNC");
    expect(run.counts.updated).toBe(1);
    expect(shopWrites(h)).toBe(1);
    expect(shopProduct(h, item.inventoryNumber)!.amount).toBeGreaterThanOrEqual(4321 - 100);
  });
});

describe("customer import", () => {
  it("creates shop customers with split names and matches existing ones by e-mail", async () => {
    const customer = h.visma.upsertCustomer({ name: "Bjørn Ødegård Åsheim", email: "Bjorn.Asheim@Example.no" });
    const run = await h.run("CUSTOMER_IMPORT");
    expect(run.status).not.toBe("FAILED");
    const user = [...h.cscart.state.users.values()].find((candidate) => candidate.email === "bjorn.asheim@example.no")!;
    expect(user).toBeDefined();
    expect([user.firstname, user.lastname]).toEqual(["Bjørn Ødegård", "Åsheim"]);
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "CUSTOMER_IMPORT", externalId: customer.number } });
    expect(row.targetId).toBe(String(user.userId));

    h.cscart.resetRequestStats();
    const again = await h.run("CUSTOMER_IMPORT");
    expect(again.counts.created + again.counts.updated).toBe(0);
    expect(shopWrites(h)).toBe(0);
  });
});
