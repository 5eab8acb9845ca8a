/**
 * After a fix: records that failed for a configuration reason (an unmapped VAT code, a category the
 * shop lacks, an article missing in Visma.net) are tried again by the next run after what they wait
 * for changed, without anyone pressing Retry — and not before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../../auth/tenant-access";
import { db } from "../../db";
import { getActiveMapping } from "../../mappings/get-active-mapping";
import { saveMappingVersion } from "../../mappings/save-mapping-version";
import { countWaitingRecords } from "../../runs/count-waiting-records";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { parseProductMapping } from "../transform";

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 61, cscart: { orders: 0, products: 30 }, visma: { orders: 0, products: 30 } });
});
afterAll(async () => h?.close());

const owner = () => resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "OWNER");

/** Saves the mapping in force with `change` applied, as the Mappings page does. */
async function saveMapping(change: (config: Awaited<ReturnType<typeof getActiveMapping<"product">>>["config"]) => object) {
  const { config } = await getActiveMapping(h.tenant.id, "product");
  return saveMappingVersion(await owner(), "product", parseProductMapping(change(config)));
}

const shopProduct = (code: string) => [...h.cscart.state.products.values()].find((product) => product.productCode === code);
const ledgerRow = (module: string, externalId: string) => db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module, externalId } });

describe("records waiting for a fix", () => {
  it("saving a tax mapping makes the next run import the items that failed for it", async () => {
    // VAT code 31 (15 %) is left out of the mapping, and there is no default tax.
    await saveMapping((config) => ({ ...config, taxMapping: { "3": [6], "33": [8], "0": [] }, defaultTaxIds: undefined }));
    const unmapped = [...h.visma.state.inventory.values()].filter((item) => item.vatCodeId === "31").map((item) => item.inventoryNumber);
    expect(unmapped.length).toBeGreaterThan(0);

    const first = await h.run("PRODUCT_IMPORT");
    expect(first.status).toBe("PARTIAL");
    expect(first.counts.failed).toBe(unmapped.length);
    const failed = await ledgerRow("PRODUCT_IMPORT", unmapped[0]!);
    expect(failed).toMatchObject({ state: "FAILED", errorCode: "MAPPING_INVALID", waitingFor: "mapping:PRODUCT_IMPORT" });
    expect(failed.lastError).toContain('VAT code "31" has no CS-Cart tax');
    expect(await countWaitingRecords(h.tenant.id)).toMatchObject({ total: unmapped.length, byModule: [{ module: "PRODUCT_IMPORT", count: unmapped.length }] });

    // Nothing changed: the next run leaves them waiting (no attempt spent, no write).
    const idle = await h.run("PRODUCT_IMPORT");
    expect(idle.counts.processed).toBe(0);
    expect((await ledgerRow("PRODUCT_IMPORT", unmapped[0]!)).updatedAt).toEqual(failed.updatedAt);

    // The fix: VAT code 31 mapped. The next run imports exactly the items that waited for it.
    await saveMapping((config) => ({ ...config, taxMapping: { ...config.taxMapping, "31": [7] } }));
    const fixed = await h.run("PRODUCT_IMPORT");
    expect(fixed.status).toBe("SUCCEEDED");
    expect(fixed.counts.created + fixed.counts.updated).toBe(unmapped.length);
    for (const code of unmapped) expect(shopProduct(code)?.taxIds).toEqual([7]);
    expect(await ledgerRow("PRODUCT_IMPORT", unmapped[0]!)).toMatchObject({ state: "DONE", waitingFor: null });
    expect(await countWaitingRecords(h.tenant.id)).toMatchObject({ total: 0 });
    const log = await db.logEntry.findFirst({ where: { runId: fixed.runId, message: { contains: "are tried again" } } });
    expect(log?.message).toContain("a change of the product mapping");
  });

  it("waits for a category the shop lacks, and goes as soon as the shop has it", async () => {
    const food = [...h.visma.state.inventory.values()].filter((item) => item.itemClassId === "FOOD").map((item) => item.inventoryNumber);
    expect(food.length).toBeGreaterThan(0);
    h.visma.upsertInventoryItem({ inventoryNumber: food[0]!, description: "Brunost, ny" });
    await saveMapping((config) => ({ ...config, categoryMapping: { ...config.categoryMapping, FOOD: 99 } }));
    await h.run("PRODUCT_IMPORT", "REIMPORT");
    const row = await ledgerRow("PRODUCT_IMPORT", food[0]!);
    expect(row).toMatchObject({ state: "FAILED", errorCode: "MAPPING_INVALID" });
    expect(row.lastError).toContain("CS-Cart category 99, which the shop does not have");
    expect(row.waitingFor?.split("\n")).toEqual(["mapping:PRODUCT_IMPORT", "cscart-category:99"]);

    // Someone creates category 99 in CS-Cart: the next run writes the waiting items there.
    h.cscart.state.categories.push({ categoryId: 99, parentId: 0, idPath: "99", category: "Delikatesser", companyId: 1, status: "A", position: 99 });
    const run = await h.run("PRODUCT_IMPORT");
    expect(run.status).toBe("SUCCEEDED");
    expect(await ledgerRow("PRODUCT_IMPORT", food[0]!)).toMatchObject({ state: "DONE", waitingFor: null });
    expect(shopProduct(food[0]!)?.categoryIds).toEqual([99]);
  });

  it("exports an order that failed for a missing article once the article exists in Visma.net, with no Retry pressed", async () => {
    await db.settings.update({ where: { tenantId: h.tenant.id }, data: { exportStatuses: ["P"] } });
    const known = [...h.cscart.state.products.values()].find((product) => h.visma.state.inventory.has(product.productCode))!;
    const missing = [...h.cscart.state.products.values()].find((product) => !h.visma.state.inventory.has(product.productCode))!;
    const order = h.cscart.createOrder({ email: "venter@example.no", lines: [{ productCode: known.productCode }, { productCode: missing.productCode }] });
    await h.run("ORDER_EXPORT");
    const row = await ledgerRow("ORDER_EXPORT", String(order.orderId));
    expect(row).toMatchObject({ state: "FAILED", errorCode: "SKU_NOT_FOUND", waitingFor: `visma-item:${missing.productCode}` });

    await h.run("ORDER_EXPORT");
    expect((await ledgerRow("ORDER_EXPORT", String(order.orderId))).attempts).toBe(row.attempts);

    h.visma.upsertInventoryItem({ inventoryNumber: missing.productCode, description: "Now in Visma.net", defaultPrice: 100, vatRate: 25, stock: { MAIN: 5 } });
    const run = await h.run("ORDER_EXPORT");
    expect(run.counts.created).toBe(1);
    expect(h.visma.salesOrders().filter((salesOrder) => salesOrder.customerOrder === `CSCART-${order.orderId}`)).toHaveLength(1);
    expect(await ledgerRow("ORDER_EXPORT", String(order.orderId))).toMatchObject({ state: "DONE", waitingFor: null });
  });
});
