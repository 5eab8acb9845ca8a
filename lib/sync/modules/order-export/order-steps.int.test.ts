/**
 * An exported order's steps (docs/architecture.md, "Steps after the write"): the sales order is
 * created exactly once; shipping it in Visma.net and setting the shop order's status are steps
 * recorded on the ledger row, and a failed step is a failed order with its reason whose Retry
 * resumes at that step. Before any post, Visma.net is asked whether the order is there already, so
 * a ledger restored from an old backup sends nothing twice. Old shops (no updated_at filter) are
 * read by order id without passing an order that is not paid yet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { translatorFor } from "../../../i18n/messages";
import { translateError } from "../../../i18n/translate-error";
import { readCursor } from "../../engine/cursor";
import { startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";
import { HOLD_DAYS, ShopOrderCursorCodec } from "./order-cursor";

let h: SyncHarness;
let old: SyncHarness;

beforeAll(async () => {
  [h, old] = await Promise.all([
    startSyncHarness({ seed: 71, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } }),
    startSyncHarness({ seed: 72, cscart: { orders: 0, products: 20, oldShop: true }, visma: { orders: 0, products: 20 } }),
  ]);
});
afterAll(async () => Promise.all([h?.close(), old?.close()]));

function sku(harness: SyncHarness): string {
  return [...harness.cscart.state.products.values()].find((product) => harness.visma.state.inventory.get(product.productCode)?.status === "Active")!
    .productCode;
}

function salesOrdersOf(harness: SyncHarness, orderId: number) {
  return harness.visma.salesOrders().filter((order) => order.customerOrder === `CSCART-${orderId}`);
}

function ledgerRow(harness: SyncHarness, orderId: number) {
  return db.syncItem.findFirstOrThrow({ where: { tenantId: harness.tenant.id, module: "ORDER_EXPORT", externalId: String(orderId) } });
}

async function settings(harness: SyncHarness, data: Parameters<typeof db.settings.update>[0]["data"]) {
  await db.settings.update({ where: { tenantId: harness.tenant.id }, data });
}

describe("the status after export", () => {
  it("is set with a status-only PUT, and tells the customer only when the tenant asks for it", async () => {
    await settings(h, { statusAfterExport: "E", notifyCustomerOfStatus: false });
    const quiet = h.cscart.createOrder({ email: "stille@example.no", lines: [{ productCode: sku(h) }] });
    await h.run("ORDER_EXPORT");
    const shopOrder = h.cscart.state.orders.get(quiet.orderId)!;
    expect(shopOrder.status).toBe("E");
    expect(shopOrder.recalculations).toBe(0);
    expect(shopOrder.customerNotifications).toEqual([]);
    const row = await ledgerRow(h, quiet.orderId);
    expect(row).toMatchObject({ state: "DONE", targetId: salesOrdersOf(h, quiet.orderId)[0]!.orderId });
    expect(row.meta).toMatchObject({ type: "SO", shopStatus: "E", followUps: { shopStatus: "done" } });

    await settings(h, { notifyCustomerOfStatus: true });
    const told = h.cscart.createOrder({ email: "varslet@example.no", lines: [{ productCode: sku(h) }] });
    await h.run("ORDER_EXPORT");
    expect(h.cscart.state.orders.get(told.orderId)!.customerNotifications).toEqual([expect.objectContaining({ status: "E" })]);
    await settings(h, { statusAfterExport: null, notifyCustomerOfStatus: false });
  });

  it("fails as a step of the order when the shop refuses it, and a Retry sets it without exporting the order again", async () => {
    await settings(h, { statusAfterExport: "X" });
    const order = h.cscart.createOrder({ email: "ukjent.status@example.no", lines: [{ productCode: sku(h) }] });
    const first = await h.run("ORDER_EXPORT");
    expect(first.status).toBe("PARTIAL");
    const [salesOrder] = salesOrdersOf(h, order.orderId);
    const failed = await ledgerRow(h, order.orderId);
    expect(failed).toMatchObject({ state: "FAILED", targetId: salesOrder!.orderId, errorCode: "REMOTE_VALIDATION" });
    expect(failed.lastError).toContain(`Order ${order.orderId} was written (${salesOrder!.orderId}), but the step "set the shop order's status" failed`);
    expect(failed.lastError).toContain("unknown order status X");

    // A later run leaves the failed order alone; once the shop has the status, Retry sets it.
    await h.run("ORDER_EXPORT");
    h.cscart.state.settings.orderStatuses.push({ code: "X", description: "Exported", inventory: "D", paid: true });
    const retried = await h.run("ORDER_EXPORT", "RETRY", [failed.id]);
    expect(retried.status).toBe("SUCCEEDED");
    expect(h.cscart.state.orders.get(order.orderId)!.status).toBe("X");
    expect(salesOrdersOf(h, order.orderId)).toHaveLength(1);
    expect(await ledgerRow(h, order.orderId)).toMatchObject({ state: "DONE", targetId: salesOrder!.orderId });
    await settings(h, { statusAfterExport: null });
  });
});

describe("shipping on export", () => {
  it("fails the order's shipment step while Visma.net holds the order, and ships it on Retry once released", async () => {
    await settings(h, { shipOnExport: true });
    // An order type that holds new orders ("hold documents on entry").
    await h.saveMapping("order", { orderType: "HO", shipViaByShippingId: { "1": "POSTEN", "2": "POSTNORD", "3": "PICKUP" } });
    const order = h.cscart.createOrder({ email: "holdt@example.no", lines: [{ productCode: sku(h), amount: 2 }] });
    await h.run("ORDER_EXPORT");
    const [salesOrder] = salesOrdersOf(h, order.orderId);
    expect(salesOrder!.status).toBe("Hold");
    const failed = await ledgerRow(h, order.orderId);
    expect(failed.state).toBe("FAILED");
    expect(failed.lastError).toContain(`but the step "ship the sales order in Visma.net" failed: Sales order HO ${salesOrder!.orderId} is on hold`);
    expect(failed.lastError).toContain("Release the hold there, then retry.");
    // Worded for a Dutch reader too: the step, and the shipment refusal it quotes.
    const dutch = translateError(translatorFor("nl"), "nl", { code: failed.errorCode, message: failed.lastError!, params: failed.errorParams });
    expect(dutch).toContain(`Geschreven naar Visma.net als ${salesOrder!.orderId}, maar de stap daarna, de verkooporder verzenden in Visma.net, is mislukt:`);
    expect(dutch).not.toContain("Release the hold");
    expect(h.visma.state.shipments.size).toBe(0);
    const mail = await db.outboundEmail.findFirstOrThrow({ where: { tenantId: h.tenant.id, dedupeKey: { startsWith: `order-failed:${order.orderId}:` } } });
    expect(mail.subject).toBe(`Order ${order.orderId} is in Visma.net, but a step after the export failed`);

    h.visma.changeSalesOrder("HO", salesOrder!.orderId, { status: "Open" });
    await h.run("ORDER_EXPORT", "RETRY", [failed.id]);
    const shipments = [...h.visma.state.shipments.values()].filter((shipment) => shipment.orderNbr === salesOrder!.orderId);
    expect(shipments.map((shipment) => shipment.status)).toEqual(["Confirmed"]);
    expect(salesOrdersOf(h, order.orderId)).toHaveLength(1);
    expect((await ledgerRow(h, order.orderId)).meta).toMatchObject({ type: "HO", shipmentNumbers: [shipments[0]!.shipmentNbr], followUps: { ship: "done" } });
    await h.saveMapping("order", { shipViaByShippingId: { "1": "POSTEN", "2": "POSTNORD", "3": "PICKUP" } });
  });

  it("leaves the order waiting when shipping fails on the way, and the next run ships it without posting it again", async () => {
    const order = h.cscart.createOrder({ email: "nettverk@example.no", lines: [{ productCode: sku(h) }] });
    h.visma.setFaults({ errorRate: 1, match: { method: "POST", pathPrefix: "/v1/salesorder" } });
    try {
      await h.run("ORDER_EXPORT");
    } finally {
      h.visma.setFaults({});
    }
    const pending = await ledgerRow(h, order.orderId);
    expect(pending).toMatchObject({ state: "PENDING", targetId: salesOrdersOf(h, order.orderId)[0]!.orderId });
    await h.run("ORDER_EXPORT");
    expect(salesOrdersOf(h, order.orderId)).toHaveLength(1);
    expect(await ledgerRow(h, order.orderId)).toMatchObject({ state: "DONE", meta: expect.objectContaining({ followUps: { ship: "done" } }) });
    await settings(h, { shipOnExport: false });
  });
});

describe("proof of absence before the first post", () => {
  it("finds the sales orders a restored (older) ledger forgot, and posts none of them again", async () => {
    const orders = [1, 2, 3].map((n) => h.cscart.createOrder({ email: `gjenopprettet${n}@example.no`, lines: [{ productCode: sku(h), amount: n }] }));
    await h.run("ORDER_EXPORT");
    const before = h.visma.salesOrders().length;
    for (const order of orders) expect(salesOrdersOf(h, order.orderId)).toHaveLength(1);

    // Restoring a backup from before the export: the DONE rows and the cursor are gone.
    await db.syncItem.deleteMany({
      where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: { in: orders.map((order) => String(order.orderId)) } },
    });
    await db.syncCursor.deleteMany({ where: { tenantId: h.tenant.id, stream: "ORDER_EXPORT" } });
    const rerun = await h.run("ORDER_EXPORT");
    expect(rerun.status).toBe("SUCCEEDED");
    expect(h.visma.salesOrders()).toHaveLength(before);
    for (const order of orders) {
      expect(await ledgerRow(h, order.orderId)).toMatchObject({
        state: "DONE",
        targetId: salesOrdersOf(h, order.orderId)[0]!.orderId,
        meta: expect.objectContaining({ recovered: true }),
      });
    }
  });
});

describe("an old shop (CS-Cart before orders had updated_at)", () => {
  it("reads orders by id, holds the cursor below an order not paid yet, and exports it once it is paid", async () => {
    const paid = old.cscart.createOrder({ email: "betalt@example.no", status: "P", lines: [{ productCode: sku(old) }] });
    const unpaid = old.cscart.createOrder({ email: "ubetalt@example.no", status: "O", lines: [{ productCode: sku(old) }] });
    const later = old.cscart.createOrder({ email: "senere@example.no", status: "P", lines: [{ productCode: sku(old) }] });
    const first = await old.run("ORDER_EXPORT");
    expect(first.status).toBe("SUCCEEDED");
    expect(salesOrdersOf(old, paid.orderId)).toHaveLength(1);
    expect(salesOrdersOf(old, later.orderId)).toHaveLength(1);
    expect(salesOrdersOf(old, unpaid.orderId)).toHaveLength(0);
    expect(await readCursor(old.tenant.id, "ORDER_EXPORT", ShopOrderCursorCodec)).toEqual({ lastOrderId: unpaid.orderId - 1 });

    // Paid a day later: still above the cursor, so it is listed and exported; the cursor moves on.
    old.cscart.changeOrder(unpaid.orderId, { status: "P" });
    await old.run("ORDER_EXPORT");
    expect(salesOrdersOf(old, unpaid.orderId)).toHaveLength(1);
    expect(await readCursor(old.tenant.id, "ORDER_EXPORT", ShopOrderCursorCodec)).toEqual({ lastOrderId: later.orderId });
    expect(old.visma.salesOrders()).toHaveLength(3);
  });

  it("lets an unpaid order go after the hold period, so an abandoned order does not keep the history listed", async () => {
    const abandoned = old.cscart.createOrder({
      email: "forlatt@example.no",
      status: "O",
      timestamp: Math.floor(Date.now() / 1000) - (HOLD_DAYS + 1) * 86_400,
      lines: [{ productCode: sku(old) }],
    });
    const next = old.cscart.createOrder({ email: "neste@example.no", status: "P", lines: [{ productCode: sku(old) }] });
    const run = await old.run("ORDER_EXPORT");
    expect(await readCursor(old.tenant.id, "ORDER_EXPORT", ShopOrderCursorCodec)).toEqual({ lastOrderId: next.orderId });
    const logged = await db.logEntry.findMany({ where: { runId: run.runId }, select: { message: true } });
    expect(logged.map((line) => line.message)).toContainEqual(
      `Order ${abandoned.orderId} (status O) is older than ${HOLD_DAYS} days and not in an exported status; the cursor no longer waits for it.`,
    );
  });
});
