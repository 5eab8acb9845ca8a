import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { startAfterOrder, startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";
import { orderExport } from "./definition";

// A real SMTP server catches the failure e-mails (set before anything reads the environment).
const received: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let body = "";
    stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});

let h: SyncHarness;
let excl: SyncHarness;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const address = smtp.server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${address.port}`;
  h = await startSyncHarness({
    seed: 11,
    cscart: { orders: 0, pricesIncludeTax: true },
    visma: { orders: 0 },
    settings: { failureEmailRecipients: ["owner@shop.test"] },
  });
  excl = await startSyncHarness({ seed: 11, cscart: { orders: 0, pricesIncludeTax: false }, visma: { orders: 0 } });
});

afterAll(async () => {
  await Promise.all([h?.close(), excl?.close()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Product codes the shop sells that Visma.net knows too, with their VAT rate. */
function sharedSkus(harness: SyncHarness) {
  const vismaSkus = new Set(harness.visma.state.inventory.keys());
  return [...harness.cscart.state.products.values()].filter((product) => vismaSkus.has(product.productCode));
}

function salesOrderFor(harness: SyncHarness, orderId: number) {
  return harness.visma.salesOrders().filter((order) => order.customerOrder === `CSCART-${orderId}`);
}

describe("order export", () => {
  it("sends a VAT-inclusive order with discounts, both addresses and a new customer made with the debtor defaults", async () => {
    const [a, b] = sharedSkus(h);
    const order = h.cscart.createOrder({
      email: "Åse.Ødegård@Eksempel.no",
      firstname: "Åse",
      lastname: "Ødegård",
      status: "P",
      billing: { address: "Kongens gate 5", city: "Trondheim", zipcode: "7011" },
      shipping: { address: "Bryggen 2", city: "Bergen", zipcode: "5003" },
      lines: [
        { productCode: a!.productCode, amount: 2, price: 250, discountPercent: 10 },
        { productCode: b!.productCode, amount: 1, price: 99.9 },
      ],
      shippingCost: 59,
    });
    const summary = await h.run("ORDER_EXPORT");
    expect(summary.counts.created).toBeGreaterThanOrEqual(1);

    const [salesOrder] = salesOrderFor(h, order.orderId);
    expect(salesOrder).toBeDefined();
    const command = salesOrder!.command as {
      customer: { id: string; order: string };
      billing: { address: { line1: string; city: string }; contact: { name: string } };
      shipping: { address: { line1: string; city: string } };
      orderLines: {
        inventoryId: string;
        quantity: number;
        unitPrice: number;
        hasManualPrice: boolean;
        hasManualDiscount?: boolean;
        discountAmount?: number;
        discountPercent?: number;
      }[];
      freight?: { cost: number };
    };
    expect(command.customer.order).toBe(`CSCART-${order.orderId}`);
    expect(command.billing.address).toMatchObject({ line1: "Kongens gate 5", city: "Trondheim" });
    expect(command.shipping.address).toMatchObject({ line1: "Bryggen 2", city: "Bergen" });
    expect(command.billing.contact.name).toBe("Åse Ødegård");

    // Shop prices win: net of the line's VAT rate, sent as manual prices, within 0.01 per line.
    const rateA = h.cscart.state.settings.taxes.find((tax) => a!.taxIds?.includes(tax.taxId))?.ratePercent ?? 25;
    const lineA = command.orderLines.find((line) => line.inventoryId === a!.productCode)!;
    expect(lineA.hasManualPrice).toBe(true);
    expect(lineA.quantity).toBe(2);
    const netLineTotal = lineA.unitPrice * 2 - (lineA.discountAmount ?? (lineA.unitPrice * 2 * (lineA.discountPercent ?? 0)) / 100);
    expect(Math.abs(netLineTotal - (2 * 250 * 0.9) / (1 + rateA / 100))).toBeLessThanOrEqual(0.02);

    // The customer was created in Visma.net with the tenant's defaults (terms 14, account 1400).
    const customer = h.visma.state.customers.get(command.customer.id)!;
    expect(customer.mainContact.email.toLowerCase()).toBe("åse.ødegård@eksempel.no");
    expect(customer.creditTermsId).toBe("14");
    expect(customer.customerLedgerAccount).toBe("1400");
    // Administration 2 is the sales order's branch (Visma.net has no customer field of that name).
    expect(salesOrder!.branchId).toBe("2");
  });

  it("matches an existing Visma.net customer by e-mail, ignoring case, and creates no new one", async () => {
    const existing = h.visma.upsertCustomer({ name: "Per Hansen", email: "per.hansen@example.no" });
    const before = h.visma.state.customers.size;
    const [a] = sharedSkus(h);
    const order = h.cscart.createOrder({ email: "PER.Hansen@Example.NO", userId: 0, lines: [{ productCode: a!.productCode }] });
    await h.run("ORDER_EXPORT");
    const [salesOrder] = salesOrderFor(h, order.orderId);
    expect(salesOrder!.customerId).toBe(existing.number);
    expect(h.visma.state.customers.size).toBe(before);
  });

  it("reads each shop order once, though the order is read while its proof of absence is listed", async () => {
    const [a] = sharedSkus(h);
    const orders = Array.from({ length: 6 }, (_, i) => h.cscart.createOrder({ email: `once-${i}@example.no`, lines: [{ productCode: a!.productCode }] }));
    h.cscart.resetRequestStats();
    await h.run("ORDER_EXPORT");
    for (const order of orders) expect(salesOrderFor(h, order.orderId)).toHaveLength(1);
    expect(h.cscart.requestStats().byRoute["GET /api/orders/:id"]).toBe(orders.length);
  });

  it("sends a guest order (user_id 0) like any other", async () => {
    const [a] = sharedSkus(h);
    const order = h.cscart.createOrder({ userId: 0, email: "gjest@example.no", lines: [{ productCode: a!.productCode }] });
    await h.run("ORDER_EXPORT");
    expect(salesOrderFor(h, order.orderId)).toHaveLength(1);
  });

  it("fails an order with an unknown SKU with a readable reason and exactly one e-mail, then succeeds on retry once the article exists", async () => {
    const [a] = sharedSkus(h);
    const missing = [...h.cscart.state.products.values()].find((product) => !h.visma.state.inventory.has(product.productCode))!;
    expect(missing).toBeDefined();
    const order = h.cscart.createOrder({ email: "kunde@example.no", lines: [{ productCode: a!.productCode }, { productCode: missing.productCode }] });

    const first = await h.run("ORDER_EXPORT");
    expect(first.status).toBe("PARTIAL");
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: String(order.orderId) } });
    expect(row.state).toBe("FAILED");
    expect(row.errorCode).toBe("SKU_NOT_FOUND");
    expect(row.lastError).toContain(`Article "${missing.productCode}" does not exist in Visma.net`);

    // Running again (schedule, or a worker retrying) sends no second e-mail and no order.
    await h.run("ORDER_EXPORT");
    const mails = await db.outboundEmail.findMany({ where: { tenantId: h.tenant.id, dedupeKey: { startsWith: `order-failed:${order.orderId}:` } } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.status).toBe("SENT");
    const delivered = received.filter((mail) => mail.body.includes(`#${order.orderId}`));
    expect(delivered).toHaveLength(1);
    // To the owners and admins and the alert list (lib/alerts/alert-recipients.ts), not to viewers.
    expect(delivered[0]!.to.sort()).toEqual([h.users.OWNER.email, h.users.ADMIN.email, "owner@shop.test"].map((address) => address.toLowerCase()).sort());
    expect(delivered[0]!.body).toContain(missing.productCode);
    expect(salesOrderFor(h, order.orderId)).toHaveLength(0);

    // The article is created in Visma.net; the retry button sends the order once.
    h.visma.upsertInventoryItem({ inventoryNumber: missing.productCode, description: "Now in Visma", defaultPrice: 100, vatRate: 25, stock: { MAIN: 10 } });
    const retried = await h.run("ORDER_EXPORT", "RETRY", [row.id]);
    expect(retried.status).toBe("SUCCEEDED");
    expect(salesOrderFor(h, order.orderId)).toHaveLength(1);
    expect((await db.syncItem.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("DONE");
  });

  it("sends VAT-exclusive shop prices as they are", async () => {
    const [a] = sharedSkus(excl);
    const order = excl.cscart.createOrder({ email: "netto@example.no", lines: [{ productCode: a!.productCode, amount: 3, price: 80 }] });
    await excl.run("ORDER_EXPORT");
    const command = salesOrderFor(excl, order.orderId)[0]!.command as { orderLines: { unitPrice: number }[] };
    expect(command.orderLines[0]!.unitPrice).toBe(80);
  });

  it("leaves orders up to the start point's order number and in other statuses alone", async () => {
    const [a] = sharedSkus(excl);
    const open = excl.cscart.createOrder({ status: "O", email: "open@example.no", lines: [{ productCode: a!.productCode }] });
    const paid = excl.cscart.createOrder({ status: "P", email: "paid@example.no", lines: [{ productCode: a!.productCode }] });
    await db.settings.update({ where: { tenantId: excl.tenant.id }, data: { orderExportStart: startAfterOrder(paid.orderId) } });
    await excl.run("ORDER_EXPORT");
    expect(salesOrderFor(excl, open.orderId)).toHaveLength(0);
    expect(salesOrderFor(excl, paid.orderId)).toHaveLength(0);

    // Once the start point is moved back and the open order is paid, both go.
    await db.settings.update({ where: { tenantId: excl.tenant.id }, data: { orderExportStart: startAfterOrder(0) } });
    excl.cscart.changeOrder(open.orderId, { status: "P" });
    await excl.run("ORDER_EXPORT");
    expect(salesOrderFor(excl, open.orderId)).toHaveLength(1);
    expect(salesOrderFor(excl, paid.orderId)).toHaveLength(1);
  });

  it("reduces Visma.net stock for the exported order", async () => {
    const [a] = sharedSkus(excl);
    const before = excl.visma.state.inventory.get(a!.productCode)!;
    const availableBefore = JSON.stringify(before);
    excl.cscart.createOrder({ email: "stock@example.no", lines: [{ productCode: a!.productCode, amount: 2 }] });
    await excl.run("ORDER_EXPORT");
    expect(JSON.stringify(excl.visma.state.inventory.get(a!.productCode))).not.toBe(availableBefore);
  });

  it("creates and confirms a Visma.net shipment for tenants that reduce stock by shipment", async () => {
    await db.settings.update({ where: { tenantId: excl.tenant.id }, data: { shipOnExport: true } });
    const [a] = sharedSkus(excl);
    const order = excl.cscart.createOrder({ email: "ship@example.no", lines: [{ productCode: a!.productCode, amount: 1 }] });
    await excl.run("ORDER_EXPORT");
    const [salesOrder] = salesOrderFor(excl, order.orderId);
    const shipments = [...excl.visma.state.shipments.values()].filter((shipment) => shipment.orderNbr === salesOrder!.orderId);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.status).toBe("Confirmed");
    await db.settings.update({ where: { tenantId: excl.tenant.id }, data: { shipOnExport: false } });
  });

  it("fails an order for a person to look at after repeated transient failures, so it cannot hold the cursor forever", async () => {
    const [a] = sharedSkus(h);
    const order = h.cscart.createOrder({ email: "stuck@example.no", lines: [{ productCode: a!.productCode }] });
    h.visma.setFaults({ errorRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    try {
      for (let run = 0; run < orderExport.retry.perRecordAttempts; run++) await h.run("ORDER_EXPORT");
    } finally {
      h.visma.setFaults({});
    }
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", externalId: String(order.orderId) } });
    expect(row.state).toBe("FAILED");
    expect(row.errorCode).toBe("RETRIES_EXHAUSTED");
    expect(row.lastError).toMatch(/^Tried 8 times without success; the last error was: Visma.net SalesOrder had an internal problem/);
    expect(salesOrderFor(h, order.orderId)).toHaveLength(0);
  });
});
