/**
 * Where order export starts is a filter on every order, not a starting cursor: CS-Cart lists orders
 * by update time, so an old order edited later comes by again, and must still never be sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../../../auth/tenant-access";
import { db } from "../../../db";
import { chooseOrderExportStart } from "../../../settings/choose-order-export-start";
import { getSettings } from "../../../settings/get-settings";
import { startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";

let h: SyncHarness;

beforeAll(async () => {
  // A tenant as a new customer has it: connections only, no start point, every module off.
  h = await startSyncHarness({ seed: 71, setUp: false, cscart: { orders: 25, products: 20 }, visma: { orders: 0, products: 20 } });
});
afterAll(async () => h?.close());

const owner = () => resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "OWNER");
const sharedCode = () => [...h.cscart.state.products.values()].find((product) => h.visma.state.inventory.has(product.productCode))!.productCode;
const salesOrdersFor = (orderId: number) => h.visma.salesOrders().filter((order) => order.customerOrder === `CSCART-${orderId}`);
const ledgerIds = async () => (await db.syncItem.findMany({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT" } })).map((row) => row.externalId);

describe("where order export starts", () => {
  it("is required: without it a run and a dry run stop before sending anything, naming the missing choice", async () => {
    const run = await h.run("ORDER_EXPORT");
    expect(run).toMatchObject({ status: "FAILED", error: expect.stringContaining("Choose where order export starts") });
    expect(h.visma.salesOrders()).toHaveLength(0);
    const dryRun = await h.run("ORDER_EXPORT", "MANUAL", undefined, { dryRun: true });
    expect(dryRun.status).toBe("FAILED");
  });

  it("'new orders from now on' is pinned to the shop's newest order number; old orders, even edited later, are never sent", async () => {
    const newestBefore = Math.max(...h.cscart.state.orders.keys());
    const chosen = await chooseOrderExportStart(await owner(), { kind: "newOrders" });
    expect(chosen.orderExportStart).toMatchObject({ kind: "newOrders", afterOrderId: newestBefore });
    expect(chosen.description).toContain(`after order number ${newestBefore}`);

    // An old paid order is edited after the choice: its update time moves past the start.
    const old = [...h.cscart.state.orders.values()].find((order) => order.status === "P")!;
    h.cscart.changeOrder(old.orderId, { status: "C" });
    const fresh = h.cscart.createOrder({ email: "ny.kunde@example.no", lines: [{ productCode: sharedCode() }] });

    // The dry run predicts exactly the new order, creating no customer and claiming nothing.
    const customersBefore = h.visma.state.customers.size;
    const dryRun = await h.run("ORDER_EXPORT", "MANUAL", undefined, { dryRun: true });
    expect(dryRun.dryRun?.counts).toMatchObject({ create: 1, failed: 0 });
    expect(dryRun.dryRun?.writes.map((write) => write.externalId)).toEqual([String(fresh.orderId)]);
    expect(dryRun.dryRun?.writes[0]!.target).toContain("a new Visma.net customer for ny.kunde@example.no");
    expect(h.visma.state.customers.size).toBe(customersBefore);
    expect(await ledgerIds()).toEqual([]);

    const run = await h.run("ORDER_EXPORT");
    expect(run.counts.created).toBe(1);
    expect(salesOrdersFor(fresh.orderId)).toHaveLength(1);
    expect(salesOrdersFor(old.orderId)).toHaveLength(0);
    expect(h.visma.salesOrders()).toHaveLength(1);
    // Orders before the start get no ledger row at all.
    expect(await ledgerIds()).toEqual([String(fresh.orderId)]);

    // The pin does not move: a later run still leaves every old order out.
    h.cscart.changeOrder(old.orderId, { status: "P" });
    await h.run("ORDER_EXPORT");
    expect(salesOrdersFor(old.orderId)).toHaveLength(0);
    expect((await getSettings(h.tenant.id)).orderExportStart).toEqual(chosen.orderExportStart);
  });

  it("never sends an order from before the start, even when a person retries its ledger row", async () => {
    const old = [...h.cscart.state.orders.values()].find((order) => order.status === "P" && !salesOrdersFor(order.orderId).length)!;
    const row = await db.syncItem.create({
      data: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: String(old.orderId), state: "FAILED", lastError: "from an earlier setup" },
    });
    const retry = await h.run("ORDER_EXPORT", "RETRY", [row.id]);
    expect(retry.counts).toMatchObject({ created: 0, skipped: 1 });
    expect(salesOrdersFor(old.orderId)).toHaveLength(0);
    expect((await db.syncItem.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("SKIPPED");
  });

  it("'orders placed from a date' goes by when the order was placed, and a new choice makes the next run look at every order again", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const midnight = Date.parse(`${today}T00:00:00Z`) / 1000;
    const yesterday = h.cscart.createOrder({ email: "i.gaar@example.no", timestamp: midnight - 3600, lines: [{ productCode: sharedCode() }] });
    const todays = h.cscart.createOrder({ email: "i.dag@example.no", timestamp: midnight + 60, lines: [{ productCode: sharedCode() }] });
    await chooseOrderExportStart(await owner(), { kind: "fromDate", date: today });
    expect(await db.syncCursor.findUnique({ where: { tenantId_stream: { tenantId: h.tenant.id, stream: "ORDER_EXPORT" } } })).toBeNull();
    await h.run("ORDER_EXPORT");
    expect(salesOrdersFor(todays.orderId)).toHaveLength(1);
    expect(salesOrdersFor(yesterday.orderId)).toHaveLength(0);
    const audit = await db.auditEvent.findMany({ where: { tenantId: h.tenant.id, action: "settings.order-start" } });
    expect(audit).toHaveLength(2);
  });
});
