import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { startVismaSimulator, type VismaSimulator } from "../../../simulators/visma/server";
import { caughtAppError } from "../../http/caught-app-error";
import { CallMeter } from "../../http/meter";
import { mapShopOrderToNewCustomer } from "../../sync/transform/customers";
import { mapShopOrderToSalesOrder } from "../../sync/transform/shop-order-to-sales-order";
import { order1042, rawOrder1042, parseOrder } from "../../sync/transform/fixtures";
import { collectAll } from "../paging";
import { VismaClient, type VismaClientConfig } from "./client";

let sim: VismaSimulator;

beforeAll(async () => {
  sim = await startVismaSimulator({ port: 0, products: 40, customers: 15, orders: 5, maxPageSize: { customer: 4, inventory: 7, salesOrder: 100 } });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.setFaults({});
});

function configFor(target: { url: string }, overrides: Partial<VismaClientConfig> = {}): VismaClientConfig {
  return {
    tokenUrl: `${target.url}/connect/token`,
    erpBaseUrl: target.url,
    salesOrderBaseUrl: target.url,
    clientId: "apicenter-demo",
    clientSecret: "visma-demo-secret",
    tenantId: "demo-company-1",
    ...overrides,
  };
}

function client(meter = new CallMeter(), overrides: Partial<VismaClientConfig> = {}, timeoutMs = 10_000) {
  return new VismaClient(configFor(sim, overrides), {
    tenantId: randomUUID(),
    meter,
    timeoutMs,
    maxAttempts: 6,
    backoff: { baseDelayMs: 10, maxDelayMs: 5000 },
  });
}


/** Order 1042 with SKUs that exist in the simulator's inventory. */
function shopOrderWithKnownItems(orderId: string) {
  const [first, second] = [...sim.state.inventory.values()].filter((item) => item.status === "Active");
  const raw = rawOrder1042();
  raw.order_id = orderId;
  const products = raw.products as Record<string, Record<string, unknown>>;
  products["2887013946"]!.product_code = first!.inventoryNumber;
  products["3900120111"]!.product_code = second!.inventoryNumber;
  return parseOrder(raw);
}

async function newCustomerNumber(visma: VismaClient, email: string): Promise<string> {
  const { number } = await visma.createCustomer(mapShopOrderToNewCustomer(order1042({ email })).customer);
  return number;
}

describe("VismaClient against the Visma.net simulator", () => {
  it("caches the token and gets a new one once after a 401", async () => {
    const ownSim = await startVismaSimulator({ port: 0, products: 3, customers: 3, orders: 0 });
    try {
      const meter = new CallMeter();
      const visma = new VismaClient(configFor(ownSim), { tenantId: randomUUID(), meter });
      const number = [...ownSim.state.customers.keys()][0]!;
      await visma.getCustomer(number);
      await visma.getCustomer(number);
      expect(meter.snapshot()["visma-connect"]?.calls).toBe(1);

      ownSim.expireAllTokens();
      expect((await visma.getCustomer(number)).number).toBe(number);
      expect(meter.snapshot()["visma-connect"]?.calls).toBe(2);
      expect(meter.snapshot().visma).toMatchObject({ calls: 4, failures: 1 });
    } finally {
      await ownSim.close();
    }
  });

  it("pages customers and inventory to the end although the page size is capped", async () => {
    const visma = client();
    const customerPages = [];
    for await (const page of visma.listCustomerPages({ pageSize: 10 })) customerPages.push(page);
    expect(customerPages.length).toBeGreaterThan(1);
    expect(customerPages.flatMap((page) => page.items).length).toBe(sim.state.customers.size);

    const items = await collectAll(visma.listInventoryPages({ pageSize: 5000 }));
    expect(items.length).toBe(sim.state.inventory.size);
    expect(new Set(items.map((item) => item.inventoryNumber)).size).toBe(items.length);
  });

  it("filters inventory by availability changes and reads one item, its stock summary and its picture", async () => {
    const visma = client();
    const since = new Date(Date.now() + 60_000);
    expect(await collectAll(visma.listInventoryPages({ availabilityModifiedSince: since }))).toEqual([]);

    const withPicture = [...sim.state.inventory.values()].find((item) => item.attachments.length > 0)!;
    const item = await visma.getInventoryItem(withPicture.inventoryNumber);
    expect(item.inventoryNumber).toBe(withPicture.inventoryNumber);
    expect(item.warehouseDetails?.length).toBeGreaterThan(0);
    const summary = await visma.getInventorySummary(withPicture.inventoryNumber);
    expect(summary.length).toBeGreaterThan(0);
    const picture = await visma.downloadAttachment(item.attachments![0]!.id);
    expect(picture.body.byteLength).toBeGreaterThan(0);
    expect(picture.contentType).toMatch(/^image\//);
  });

  it("creates a customer with the debtor defaults and finds it by e-mail", async () => {
    const visma = client();
    const number = await newCustomerNumber(visma, "Ny.Kunde@Example.no");
    const customer = await visma.getCustomer(number);
    expect(customer.creditTerms?.id).toBe("14");
    expect((await visma.findCustomerByEmail("ny.kunde@example.no"))?.number).toBe(number);
    expect(await visma.findCustomerByEmail("nobody@example.no")).toBeUndefined();
  });

  it("creates a sales order and finds it again by the shop order reference", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "so.test@example.no");
    const before = new Date(Date.now() - 60_000);
    const command = mapShopOrderToSalesOrder(shopOrderWithKnownItems("9001"), { pricesIncludeVat: true, customerNumber }).command;
    const created = await visma.createSalesOrder(command);
    expect(created.type).toBe("SO");
    expect(created.orderId).not.toBe("");
    const found = await visma.findSalesOrderByCustomerOrder("CSCART-9001", before);
    expect(found?.orderId).toBe(created.orderId);
    for (const orderId of ["9011", "9012"]) {
      await visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems(orderId), { pricesIncludeVat: true, customerNumber }).command);
    }
    const allOrders = await collectAll(visma.listSalesOrderPages({ pageSize: 2 }));
    expect(allOrders.length).toBe(sim.state.salesOrders.size);
    expect(allOrders.length).toBeGreaterThan(2);
    expect(await visma.findSalesOrderByCustomerOrder("CSCART-404", before)).toBeUndefined();

    const shipment = await visma.createShipment(created.orderId, { orderType: created.type });
    expect(shipment.shipmentNumber).not.toBe("");
    await visma.confirmShipment(shipment.shipmentNumber);
  });

  it("flags a lost sales order answer as outcomeUnknown; the lookup then finds the order", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "lost.answer@example.no");
    const before = new Date(Date.now() - 60_000);
    sim.setFaults({ commitThenDropRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    const error = await caughtAppError(visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9002"), { pricesIncludeVat: true, customerNumber }).command));
    expect(error.details?.outcomeUnknown).toBe(true);
    sim.setFaults({});
    expect(await visma.findSalesOrderByCustomerOrder("CSCART-9002", before)).toBeDefined();
  });

  it("times out a hanging sales order POST with outcomeUnknown and does not resend it", async () => {
    const customerNumber = await newCustomerNumber(client(), "hang@example.no");
    sim.setFaults({ hangRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    const meter = new CallMeter();
    const error = await caughtAppError(client(meter, {}, 500).createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9003"), { pricesIncludeVat: true, customerNumber }).command));
    expect(error.code).toBe("REMOTE_TIMEOUT");
    expect(error.details?.outcomeUnknown).toBe(true);
    expect(meter.snapshot()["visma-salesorder"]?.calls).toBe(1);
  });

  it("retries GETs on 5xx but never a customer POST", async () => {
    sim.setFaults({ errorRate: 0.5, match: { method: "GET", pathPrefix: "/v1/" } });
    const meter = new CallMeter();
    const visma = client(meter);
    const numbers = [...sim.state.customers.keys()].slice(0, 6);
    for (const number of numbers) expect((await visma.getCustomer(number)).number).toBe(number);
    expect(meter.snapshot().visma?.retries).toBeGreaterThan(0);

    sim.setFaults({ errorRate: 1, match: { method: "POST", pathPrefix: "/v1/customer" } });
    const postMeter = new CallMeter();
    const error = await caughtAppError(client(postMeter).createCustomer(mapShopOrderToNewCustomer(order1042({ email: "five@example.no" })).customer));
    expect(error.code).toBe("REMOTE_UNAVAILABLE");
    expect(error.details?.outcomeUnknown).toBe(true);
    expect(postMeter.snapshot().visma?.calls).toBe(1);
  });

  it("waits out a 429 with Retry-After and carries on", async () => {
    sim.setFaults({ rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 }, match: { pathPrefix: "/v1/customer" } });
    const meter = new CallMeter();
    const visma = client(meter);
    const number = [...sim.state.customers.keys()][0]!;
    await visma.getCustomer(number);
    await visma.getCustomer(number);
    expect(meter.snapshot().visma).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it("reports a cut-off body as REMOTE_BAD_RESPONSE naming the endpoint", async () => {
    sim.setFaults({ malformedJsonRate: 1, match: { method: "GET", pathPrefix: "/v1/inventory" } });
    const error = await caughtAppError(client().getInventoryItem([...sim.state.inventory.keys()][0]!));
    expect(error.code).toBe("REMOTE_BAD_RESPONSE");
    expect(error.message).toContain("GET /v1/inventory/");
  });

  it("explains connection tests in plain words", async () => {
    expect(await client().testConnection()).toMatchObject({ ok: true });
    expect((await client(new CallMeter(), { clientSecret: "wrong" }).testConnection()).message).toContain("client id or client secret");
    expect((await client(new CallMeter(), { tenantId: "someone-else" }).testConnection()).message).toContain('refused the tenant id "someone-else"');
    const customerTenant = await client(new CallMeter(), { tenantId: "demo-customer-tenant-1" }).testConnection();
    expect(customerTenant).toMatchObject({ ok: false, code: "REMOTE_AUTH_FAILED" });
    expect(customerTenant.message).toContain("customer tenant instead of the company tenant");
    const unreachable = await new VismaClient(configFor({ url: "http://127.0.0.1:9" }), { tenantId: randomUUID(), maxAttempts: 1 }).testConnection();
    expect(unreachable).toMatchObject({ ok: false, code: "REMOTE_NETWORK" });
    expect(unreachable.message).toContain("could not be reached");
  });
});
