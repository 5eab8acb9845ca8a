/**
 * Order progress (Visma.net → shop) against both simulators: a shipped sales order's shipment comes
 * back to the shop with carrier and tracking number, its completion sets the shop status, each event
 * exactly once — also when the shop's answer to the shipment POST was lost — and only for orders
 * APIcenter exported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { vismaFetch, vismaToken } from "../../../../simulators/testing";
import { startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";
import { shipmentMarker } from "./steps";

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 81, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } });
  await h.saveMapping("order", {
    shipViaByShippingId: { "1": "POSTEN", "2": "POSTNORD", "3": "PICKUP" },
    progress: { shopStatusByVismaStatus: { Completed: "C" }, carrierByShipVia: { POSTEN: "posten" } },
  });
});
afterAll(async () => h?.close());

function skus(count: number): string[] {
  return [...h.cscart.state.products.values()]
    .filter((product) => h.visma.state.inventory.get(product.productCode)?.status === "Active")
    .slice(0, count)
    .map((product) => product.productCode);
}

async function exportOrder(lines: { productCode: string; amount?: number }[], email: string) {
  const order = h.cscart.createOrder({ email, shippingMethod: "Posten", lines });
  await h.run("ORDER_EXPORT");
  const salesOrder = h.visma.salesOrders().find((candidate) => candidate.customerOrder === `CSCART-${order.orderId}`)!;
  expect(salesOrder).toBeDefined();
  return { order, salesOrder };
}

function shopShipments(orderId: number) {
  return [...h.cscart.state.shipments.values()].filter((shipment) => shipment.orderId === orderId);
}

describe("order progress", () => {
  it("brings a shipped order's carrier and tracking number to the shop, then its completion as the shop status, each once", async () => {
    const [a, b] = skus(2);
    const { order, salesOrder } = await exportOrder([{ productCode: a!, amount: 2 }, { productCode: b! }], "sporing@example.no");
    const shipped = h.visma.changeSalesOrder(salesOrder.type, salesOrder.orderId, { ship: { trackingNumber: "70701234567890123NO" } });
    expect("shipments" in shipped && shipped.shipments).toHaveLength(1);
    expect(salesOrder.status).toBe("Completed");

    const run = await h.run("ORDER_PROGRESS");
    expect(run.status).toBe("SUCCEEDED");
    const [shipment] = shopShipments(order.orderId);
    const nbr = ("shipments" in shipped && shipped.shipments[0]!.shipmentNbr) as string;
    expect(shipment).toMatchObject({ trackingNumber: "70701234567890123NO", carrier: "posten", comments: shipmentMarker(nbr), shippingId: 1 });
    const lines = h.cscart.state.orders.get(order.orderId)!.lines;
    expect(shipment!.items).toEqual(Object.fromEntries(lines.map((line) => [line.itemId, line.amount])));
    expect(h.cscart.state.orders.get(order.orderId)!.status).toBe("C");
    const rows = await db.syncItem.findMany({ where: { tenantId: h.tenant.id, module: "ORDER_PROGRESS" }, orderBy: { externalId: "asc" } });
    expect(rows.map((row) => [row.externalId, row.state])).toEqual([
      [`${order.orderId}:shipment:${nbr}`, "DONE"],
      [`${order.orderId}:status:Completed`, "DONE"],
    ]);

    // Nothing new the next time, and no second shipment.
    const again = await h.run("ORDER_PROGRESS");
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(shopShipments(order.orderId)).toHaveLength(1);
  });

  it("creates no second shop shipment when the shop's answer to the first was lost: the shipment is found by its comment", async () => {
    const [a] = skus(1);
    const { order, salesOrder } = await exportOrder([{ productCode: a! }], "tapt.svar@example.no");
    h.visma.changeSalesOrder(salesOrder.type, salesOrder.orderId, { ship: {} });
    h.cscart.setFaults({ commitThenDropRate: 1, match: { method: "POST", pathPrefix: "/api/2.0/shipments" } });
    try {
      await h.run("ORDER_PROGRESS");
    } finally {
      h.cscart.setFaults({});
    }
    expect(shopShipments(order.orderId)).toHaveLength(1);
    const pending = await db.syncItem.findFirstOrThrow({
      where: { tenantId: h.tenant.id, module: "ORDER_PROGRESS", externalId: { startsWith: `${order.orderId}:shipment:` } },
    });
    expect(pending.state).toBe("PENDING");

    await h.run("ORDER_PROGRESS");
    expect(shopShipments(order.orderId)).toHaveLength(1);
    expect(await db.syncItem.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      state: "DONE",
      targetId: String(shopShipments(order.orderId)[0]!.shipmentId),
      meta: { recovered: true },
    });
  });

  it("leaves sales orders alone that APIcenter did not export, even with a CSCART- reference", async () => {
    const [a] = skus(1);
    const stranger = h.cscart.createOrder({ email: "fremmed@example.no", status: "O", lines: [{ productCode: a! }] });
    const customer = h.visma.upsertCustomer({ name: "Fremmed", email: "fremmed@example.no" });
    // A sales order typed in Visma.net by hand that happens to carry the shop order's reference.
    const created = await vismaFetch(h.visma, await vismaToken(h.visma), "/api/v3/SalesOrders", {
      method: "POST",
      body: { type: "SO", customer: { id: customer.number, order: `CSCART-${stranger.orderId}` }, orderLines: [{ inventoryId: a!, quantity: 1 }] },
    });
    expect(created.status).toBe(201);
    const salesOrder = h.visma.salesOrders().find((order) => order.customerOrder === `CSCART-${stranger.orderId}`)!;
    h.visma.changeSalesOrder("SO", salesOrder.orderId, { ship: {} });
    await h.run("ORDER_PROGRESS");
    expect(shopShipments(stranger.orderId)).toHaveLength(0);
    expect(h.cscart.state.orders.get(stranger.orderId)!.status).toBe("O");
    expect(await db.syncItem.count({ where: { tenantId: h.tenant.id, module: "ORDER_PROGRESS", externalId: { startsWith: `${stranger.orderId}:` } } })).toBe(0);
  });
});
