/**
 * Totals that match (docs/api-facts.md, "Order totals"): for each kind of order the Visma.net sales
 * order, totalled the way the Visma.net simulator totals it (lines, freight, VAT per rate rounded per
 * document), comes to exactly the shop order's total as the CS-Cart simulator computes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlOrderInput } from "../../../../simulators/cscart/routes-control";
import { vismaFetch, vismaToken } from "../../../../simulators/testing";
import { db } from "../../../db";
import { startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";

let inclusive: SyncHarness;
let exclusive: SyncHarness;

beforeAll(async () => {
  [inclusive, exclusive] = await Promise.all([
    startSyncHarness({ seed: 91, cscart: { orders: 0, products: 30, pricesIncludeTax: true }, visma: { orders: 0, products: 30 } }),
    startSyncHarness({
      seed: 92,
      cscart: { orders: 0, products: 30, pricesIncludeTax: false },
      visma: { orders: 0, products: 30 },
      settings: { pricesIncludeVat: false },
    }),
  ]);
});
afterAll(async () => Promise.all([inclusive?.close(), exclusive?.close()]));

/** Product codes the shop sells and Visma.net has active, at the given VAT rate. */
function skusAt(h: SyncHarness, rate: number): string[] {
  const taxId = h.cscart.state.settings.taxes.find((tax) => tax.ratePercent === rate)!.taxId;
  return [...h.cscart.state.products.values()]
    .filter((product) => product.taxIds.includes(taxId) && h.visma.state.inventory.get(product.productCode)?.status === "Active")
    .map((product) => product.productCode);
}

type Sent = {
  orderLines: { inventoryId: string; quantity: number; unitPrice: number; taxCategoryId?: string }[];
  currencyId?: string;
  freight?: { cost: number };
};

/** Exports one shop order and returns both systems' totals, as each system's API reports them. */
async function exportAndCompare(h: SyncHarness, input: ControlOrderInput) {
  const order = h.cscart.createOrder(input);
  const run = await h.run("ORDER_EXPORT");
  const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: String(order.orderId) } });
  if (row.state !== "DONE") throw new Error(`order ${order.orderId} was not exported (${run.status}): ${row.lastError}`);
  const shop = (await (
    await fetch(`${h.cscart.url}/api/2.0/orders/${order.orderId}`, {
      headers: { authorization: `Basic ${Buffer.from(`${h.cscart.options.adminEmail}:${h.cscart.options.apiKey}`).toString("base64")}` },
    })
  ).json()) as { total: string };
  const salesOrder = h.visma.salesOrders().find((candidate) => candidate.customerOrder === `CSCART-${order.orderId}`)!;
  const detail = (await (await vismaFetch(h.visma, await vismaToken(h.visma), `/api/v3/SalesOrders/${salesOrder.type}/${salesOrder.orderId}`)).json()) as {
    totals: { orderTotal: number };
  };
  return { shopTotal: Number(shop.total), vismaTotal: detail.totals.orderTotal, sent: salesOrder.command as Sent };
}

describe("the Visma.net total equals the shop's total", () => {
  it("for a payment surcharge, sent as a line of the mapped service item", async () => {
    const [a] = skusAt(inclusive, 25);
    const result = await exportAndCompare(inclusive, {
      email: "gebyr@example.no",
      paymentSurcharge: 49,
      shippingCost: 59,
      lines: [{ productCode: a!, amount: 2, price: 199 }],
    });
    expect(result.sent.orderLines).toContainEqual(expect.objectContaining({ inventoryId: "GEBYR", quantity: 1, unitPrice: 39.2 }));
    expect(result.vismaTotal).toBe(result.shopTotal);
  });

  it("for gift certificates and a coupon's order discount", async () => {
    const [a, b] = skusAt(inclusive, 25);
    const result = await exportAndCompare(inclusive, {
      email: "gavekort@example.no",
      subtotalDiscount: 50,
      giftCertificates: [{ code: "GC-1000", amount: 100 }],
      lines: [
        { productCode: a!, price: 349 },
        { productCode: b!, amount: 3, price: 89.9 },
      ],
      shippingCost: 59,
    });
    expect(result.sent.orderLines).toContainEqual(expect.objectContaining({ inventoryId: "GAVEKORT", quantity: -1, unitPrice: 100 }));
    expect(result.vismaTotal).toBe(result.shopTotal);
  });

  it("for a gift certificate worth more than the order: both come to nothing", async () => {
    const [a] = skusAt(inclusive, 25);
    const result = await exportAndCompare(inclusive, {
      email: "helt.betalt@example.no",
      giftCertificates: [{ code: "GC-BIG", amount: 5000 }],
      lines: [{ productCode: a!, price: 249 }],
    });
    expect(result.shopTotal).toBe(0);
    expect(result.vismaTotal).toBe(0);
  });

  it("for line discounts and free shipping", async () => {
    const [a, b] = skusAt(inclusive, 25);
    const result = await exportAndCompare(inclusive, {
      email: "rabatt@example.no",
      shippingMethod: "Posten",
      shippingCost: 0,
      lines: [
        { productCode: a!, amount: 3, price: 129.9, discountPercent: 15 },
        { productCode: b!, price: 59, discountPercent: 100 },
      ],
    });
    expect(result.sent).not.toHaveProperty("freight");
    expect(result.vismaTotal).toBe(result.shopTotal);
  });

  it("for mixed VAT rates (25 % and 15 %) and a zero-rated line", async () => {
    const [a, exempt] = skusAt(inclusive, 25);
    const [food] = skusAt(inclusive, 15);
    const result = await exportAndCompare(inclusive, {
      email: "blandet@example.no",
      shippingCost: 79,
      lines: [
        { productCode: a!, amount: 2, price: 99.5 },
        { productCode: food!, amount: 4, price: 37.9 },
        { productCode: exempt!, price: 250, taxFree: true },
      ],
    });
    expect(result.sent.orderLines.map((line) => line.taxCategoryId)).toEqual([undefined, undefined, "FRITATT"]);
    expect(result.vismaTotal).toBe(result.shopTotal);
  });

  it("when VAT rounding cannot reach the shop's gross: the cent goes on the rounding item", async () => {
    const [a] = skusAt(inclusive, 25);
    // 1.27 lies between 1.01 + 0.25 and 1.02 + 0.26.
    const result = await exportAndCompare(inclusive, { email: "avrunding@example.no", lines: [{ productCode: a!, price: 1.27 }] });
    expect(result.sent.orderLines).toContainEqual(expect.objectContaining({ inventoryId: "AVRUNDING", quantity: -1, unitPrice: 0.01 }));
    expect(result.shopTotal).toBe(1.27);
    expect(result.vismaTotal).toBe(1.27);
  });

  it("for a shop whose prices exclude VAT, with discounts, a surcharge and mixed rates", async () => {
    const [a] = skusAt(exclusive, 25);
    const [food] = skusAt(exclusive, 15);
    const result = await exportAndCompare(exclusive, {
      email: "netto.priser@example.no",
      subtotalDiscount: 20,
      paymentSurcharge: 29,
      shippingCost: 49,
      lines: [
        { productCode: a!, amount: 3, price: 79.99, discountPercent: 10 },
        { productCode: food!, amount: 7, price: 13.37 },
      ],
    });
    expect(result.vismaTotal).toBe(result.shopTotal);
  });
});

describe("currency", () => {
  it("sends the shop's currency when it is not the company's base currency", async () => {
    await inclusive.saveMapping("order", {
      shipViaByShippingId: { "1": "POSTEN", "2": "POSTNORD", "3": "PICKUP" },
      items: { paymentSurcharge: "GEBYR", giftCertificate: "GAVEKORT", rounding: "AVRUNDING" },
      taxCategoryByRate: { "0": "FRITATT" },
      currency: { shopCurrency: "EUR", companyBaseCurrency: "NOK" },
    });
    const [a] = skusAt(inclusive, 25);
    const result = await exportAndCompare(inclusive, { email: "euro@example.no", lines: [{ productCode: a!, price: 20 }] });
    expect(result.sent.currencyId).toBe("EUR");
    await inclusive.saveMapping("order", { currency: { shopCurrency: "NOK", companyBaseCurrency: "NOK" }, items: { rounding: "AVRUNDING" } });
    const same = await exportAndCompare(inclusive, { email: "krone@example.no", lines: [{ productCode: a!, price: 20 }] });
    expect(same.sent).not.toHaveProperty("currencyId");
  });
});
