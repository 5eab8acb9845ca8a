/**
 * Order export within Visma.net's rules (docs/api-facts.md, "SalesOrder V3 field limits" and
 * "Freight"): long shop addresses fit and the cuts are logged, a pickup order ships to the billing
 * address, and a freight cost the Ship via does not take fails the order with advice until the
 * shipping method is mapped to one that does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 61, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } });
});
afterAll(async () => h?.close());

type Sent = {
  billing: { address?: Record<string, string>; contact: Record<string, string> };
  shipping: { address?: Record<string, string>; contact: Record<string, string>; shipViaId?: string };
  freight?: { cost: number };
};

function sentOrder(orderId: number): Sent | undefined {
  return h.visma.salesOrders().find((order) => order.customerOrder === `CSCART-${orderId}`)?.command as Sent | undefined;
}

function sku(): string {
  return [...h.cscart.state.products.values()].find((product) => h.visma.state.inventory.get(product.productCode)?.status === "Active")!.productCode;
}

describe("order export within Visma.net's field limits", () => {
  it("wraps a long shop address into three lines of 50, cuts the rest and logs what was cut", async () => {
    const order = h.cscart.createOrder({
      email: "lang.adresse@example.no",
      billing: {
        address: "Kjell Aukrusts vei 4, inngang fra baksiden ved den gamle låven bak verkstedet",
        address2: "c/o Flåklypa Verksted og Sykkelreparasjon AS, 2. etasje, rom 7, ring på klokken merket Verkstedet",
        city: "Flåklypa",
        zipcode: "2500",
      },
      lines: [{ productCode: sku() }],
    });
    const run = await h.run("ORDER_EXPORT");
    expect(run.status).toBe("SUCCEEDED");
    const address = sentOrder(order.orderId)!.billing.address!;
    expect(address.line1).toBe("Kjell Aukrusts vei 4, inngang fra baksiden ved den");
    for (const line of [address.line1, address.line2, address.line3]) expect(line!.length).toBeLessThanOrEqual(50);
    const warnings = await db.logEntry.findMany({ where: { runId: run.runId, level: "WARN" }, select: { message: true } });
    expect(warnings.map((warning) => warning.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^Order ${order.orderId}: The billing address does not fit Visma.net's 3 lines of 50 characters`)),
    );
  });

  it("ships a pickup order without a shipping address to the billing address, with the mapped Ship via", async () => {
    const order = h.cscart.createOrder({
      email: "henter.selv@example.no",
      shippingMethod: "Hent i butikk",
      shipping: { address: "", city: "", zipcode: "", country: "" },
      lines: [{ productCode: sku() }],
    });
    await h.run("ORDER_EXPORT");
    const sent = sentOrder(order.orderId)!;
    expect(sent.shipping.address).toEqual(sent.billing.address);
    expect(sent.shipping.shipViaId).toBe("PICKUP");
    expect(sent).not.toHaveProperty("freight");
  });

  it("fails an order whose freight cost its Ship via does not take, with advice, and sends it once the method is mapped to one that does", async () => {
    await h.saveMapping("order", { shipViaByShippingId: { "1": "PICKUP" } });
    const order = h.cscart.createOrder({ email: "ny.kunde.frakt@example.no", shippingMethod: "Posten", shippingCost: 59, lines: [{ productCode: sku() }] });
    await h.run("ORDER_EXPORT");
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: String(order.orderId) } });
    expect(row.state).toBe("FAILED");
    expect(row.lastError).toContain("Visma.net does not let Ship via PICKUP take the shop's freight cost (1310-FreightCostCanNotBeSetManually)");
    expect(sentOrder(order.orderId)).toBeUndefined();

    await h.saveMapping("order", { shipViaByShippingId: { "1": "POSTEN" } });
    await h.run("ORDER_EXPORT", "RETRY", [row.id]);
    expect(sentOrder(order.orderId)).toMatchObject({ shipping: { shipViaId: "POSTEN" }, freight: { cost: 47.2 } });
  });
});
