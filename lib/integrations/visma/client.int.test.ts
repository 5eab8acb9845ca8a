import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { startVismaSimulator, type VismaSimulator } from "../../../simulators/visma/server";
import { caughtAppError } from "../../http/caught-app-error";
import { CallMeter } from "../../http/meter";
import { mapShopOrderToNewCustomer } from "../../sync/transform/customers";
import { mapShopOrderToSalesOrder } from "../../sync/transform/shop-order-to-sales-order";
import { order1042, rawOrder1042, parseOrder } from "../../sync/transform/fixtures";
import { collectAll } from "../paging";
import { controlFetch } from "../../../simulators/testing";
import { allowLocalServers } from "../../../testing/allow-local-servers";
import { DEFAULT_VISMA_SCOPE, VismaClient, type VismaClientConfig } from "./client";

let sim: VismaSimulator;

beforeAll(async () => {
  sim = await startVismaSimulator({ port: 0, products: 40, customers: 15, orders: 5, maxPageSize: { customer: 4, inventory: 7, salesOrder: 100 } });
  allowLocalServers(sim.url);
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
  // Shipped with method 1, mapped to a Ship via that takes the shop's freight cost.
  raw.shipping_ids = "1";
  const products = raw.products as Record<string, Record<string, unknown>>;
  products["2887013946"]!.product_code = first!.inventoryNumber;
  products["3900120111"]!.product_code = second!.inventoryNumber;
  return parseOrder(raw);
}

function salesOrderContext(customerNumber: string) {
  return { pricesIncludeVat: true, customerNumber, mapping: { shipViaByShippingId: { "1": "POSTEN" } } };
}

async function newCustomerNumber(visma: VismaClient, email: string): Promise<string> {
  const { number } = await visma.createCustomer(mapShopOrderToNewCustomer(order1042({ email })).customer);
  return number;
}

describe("VismaClient against the Visma.net simulator", () => {
  it("caches the token and gets a new one once after a 401", async () => {
    const ownSim = await startVismaSimulator({ port: 0, products: 3, customers: 3, orders: 0 });
    allowLocalServers(ownSim.url);
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
    const command = mapShopOrderToSalesOrder(shopOrderWithKnownItems("9001"), salesOrderContext(customerNumber)).command;
    const created = await visma.createSalesOrder(command);
    expect(created.type).toBe("SO");
    expect(created.orderId).not.toBe("");
    const found = await visma.findSalesOrderByCustomerOrder("CSCART-9001", before);
    expect(found?.orderId).toBe(created.orderId);
    for (const orderId of ["9011", "9012"]) {
      await visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems(orderId), salesOrderContext(customerNumber)).command);
    }
    const allOrders = await collectAll(visma.listSalesOrderPages({ pageSize: 2 }));
    expect(allOrders.length).toBe(sim.state.salesOrders.size);
    expect(allOrders.length).toBeGreaterThan(2);
    expect(await visma.findSalesOrderByCustomerOrder("CSCART-404", before)).toBeUndefined();

    const { shipmentNumbers } = await visma.shipSalesOrder(created.type, created.orderId);
    expect(shipmentNumbers).toHaveLength(1);
    expect(sim.state.shipments.get(shipmentNumbers[0]!)).toMatchObject({ status: "Confirmed", orderNbr: created.orderId });
    // Nothing is left open: shipping again ships nothing twice.
    expect(await visma.shipSalesOrder(created.type, created.orderId)).toEqual({ shipmentNumbers: [] });
  });

  it("confirms a shipment an earlier attempt created but did not confirm, and creates no second one", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "half.shipped@example.no");
    const created = await visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9033"), salesOrderContext(customerNumber)).command);
    const warehouse = sim.state.salesOrders.get(`SO/${created.orderId}`)!.lines[0]!.warehouseId;
    const half = await visma.createShipment(created.orderId, { orderType: "SO", shipmentWarehouse: warehouse });
    expect(await visma.getShipmentStatus(half.shipmentNumber)).toBe("Open");
    const shipmentsBefore = sim.state.shipments.size;
    expect(await visma.shipSalesOrder(created.type, created.orderId)).toEqual({ shipmentNumbers: [half.shipmentNumber] });
    expect(sim.state.shipments.size).toBe(shipmentsBefore);
    expect(await visma.getShipmentStatus(half.shipmentNumber)).toBe("Confirmed");
    expect(await visma.listSalesOrderShipments(created.type, created.orderId)).toEqual([half.shipmentNumber]);
  });

  it("refuses to ship an order on hold, naming what to do, before writing anything", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "held@example.no");
    const { command } = mapShopOrderToSalesOrder(shopOrderWithKnownItems("9031"), salesOrderContext(customerNumber));
    const created = await visma.createSalesOrder({ ...command, status: "Hold" } as typeof command);
    const shipmentsBefore = sim.state.shipments.size;
    const error = await caughtAppError(visma.shipSalesOrder(created.type, created.orderId));
    expect(error).toMatchObject({ code: "REMOTE_VALIDATION", kind: "data" });
    expect(error.message).toBe(
      `Sales order SO ${created.orderId} is on hold (Hold) in Visma.net, so it cannot be shipped. Release the hold there, then retry.`,
    );
    expect(sim.state.shipments.size).toBe(shipmentsBefore);
  });

  it("sends createShipment flat with the warehouse; the wrapped form is what the simulator (as Visma.net) refuses", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "flat@example.no");
    const created = await visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9032"), salesOrderContext(customerNumber)).command);
    const warehouse = sim.state.salesOrders.get(`SO/${created.orderId}`)!.lines[0]!.warehouseId;
    const shipment = await visma.createShipment(created.orderId, {
      orderType: "SO",
      shipmentWarehouse: warehouse,
      shipmentDate: new Date("2025-03-14T10:00:00Z"),
    });
    expect(sim.state.shipments.get(shipment.shipmentNumber)).toMatchObject({ shipmentDate: "2025-03-14T10:00:00.000", status: "Open" });
  });

  it("flags a lost sales order answer as outcomeUnknown; the lookup then finds the order", async () => {
    const visma = client();
    const customerNumber = await newCustomerNumber(visma, "lost.answer@example.no");
    const before = new Date(Date.now() - 60_000);
    sim.setFaults({ commitThenDropRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    const error = await caughtAppError(
      visma.createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9002"), salesOrderContext(customerNumber)).command),
    );
    expect(error.details?.outcomeUnknown).toBe(true);
    sim.setFaults({});
    expect(await visma.findSalesOrderByCustomerOrder("CSCART-9002", before)).toBeDefined();
  });

  it("times out a hanging sales order POST with outcomeUnknown and does not resend it", async () => {
    const customerNumber = await newCustomerNumber(client(), "hang@example.no");
    sim.setFaults({ hangRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    const meter = new CallMeter();
    const error = await caughtAppError(
      client(meter, {}, 500).createSalesOrder(mapShopOrderToSalesOrder(shopOrderWithKnownItems("9003"), salesOrderContext(customerNumber)).command),
    );
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

  it("checks the debtor defaults against the company: terms for customers, an active asset account, an active branch", async () => {
    const visma = client();
    const good = await visma.checkDebtorDefaults({ paymentTerms: "14", collectionAccount: "1400", branch: "2" });
    expect([good.paymentTerms.ok, good.collectionAccount.ok, good.branch?.ok]).toEqual([true, true, true]);
    const bad = await visma.checkDebtorDefaults({ paymentTerms: "45", collectionAccount: "3000", branch: "9" });
    expect(bad.paymentTerms).toEqual({
      value: "45",
      ok: false,
      message: 'Visma.net has no credit terms "45". Use the id of existing credit terms (Credit terms, CS206500).',
      params: { variant: "termsMissing", value: "45" },
    });
    expect(bad.collectionAccount.message).toBe('Account "3000" is an income account; the collection (accounts receivable) account is an asset account.');
    expect(bad.collectionAccount.params).toEqual({ variant: "accountNotAsset", value: "3000", type: "Income" });
    expect(bad.branch).toMatchObject({ value: "9", ok: false, message: expect.stringContaining('no branch "9"') });
    const inactive = await visma.checkDebtorDefaults({ paymentTerms: "60", collectionAccount: "1590", branch: "3" });
    expect([inactive.paymentTerms.message, inactive.collectionAccount.message, inactive.branch?.message]).toEqual([
      'Credit terms "60" are for suppliers only in Visma.net; customers need terms visible to customers.',
      'Account "1590" is not active in Visma.net.',
      'Branch "3" is not active in Visma.net.',
    ]);
    expect(await visma.checkDebtorDefaults({ paymentTerms: "14", collectionAccount: "1400" })).not.toHaveProperty("branch");
  });

  it("asks for the scopes it is given, never :delete by default, and turns invalid_scope into advice", async () => {
    expect(DEFAULT_VISMA_SCOPE.split(" ")).not.toContain("vismanet_erp_service_api:delete");
    const tokensBefore = ((await (await controlFetch(sim, "/state?collection=tokens")).json()) as unknown[]).length;
    await client(new CallMeter(), { scope: "vismanet_erp_service_api:read" }).getCustomer([...sim.state.customers.keys()][0]!);
    const tokens = (await (await controlFetch(sim, "/state?collection=tokens")).json()) as { scopes: string[] }[];
    expect(tokens.slice(tokensBefore).map((token) => token.scopes)).toEqual([["vismanet_erp_service_api:read"]]);

    const wanting = client(new CallMeter(), { scope: "vismanet_erp_service_api:read vismanet_erp_service_api:delete" });
    const error = await caughtAppError(wanting.getCustomer([...sim.state.customers.keys()][0]!));
    expect(error).toMatchObject({ code: "REMOTE_FORBIDDEN", kind: "configuration" });
    expect(error.message).toBe(
      "Visma Connect refused the scopes APIcenter asked for (invalid_scope: The client is not allowed to request scope(s): vismanet_erp_service_api:delete). " +
        "Grant these scopes to the integration in the Visma Developer Portal: vismanet_erp_service_api:read, vismanet_erp_service_api:delete; or remove the ones your modules do not need from the connection's scopes.",
    );
    expect((await wanting.testConnection()).message).toBe(error.message);
  });

  it("reads items changed and items whose picture changed, each once", async () => {
    const since = new Date(Math.max(Date.now(), sim.state.lastClock) + 5);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [changed, pictured, both] = [...sim.state.inventory.values()].filter((item) => item.attachments.length > 0);
    sim.upsertInventoryItem({ inventoryNumber: changed!.inventoryNumber, description: "Endret" });
    sim.upsertInventoryItem({ inventoryNumber: pictured!.inventoryNumber, attachmentName: "nytt-bilde.jpg" });
    sim.upsertInventoryItem({ inventoryNumber: both!.inventoryNumber, description: "Begge", attachmentName: "begge.jpg" });
    const items = await collectAll(client().listInventoryChangePages(since, { pageSize: 2 }));
    expect(items.map((item) => item.inventoryNumber).sort()).toEqual([changed!.inventoryNumber, pictured!.inventoryNumber, both!.inventoryNumber].sort());
    expect(items.find((item) => item.inventoryNumber === pictured!.inventoryNumber)?.attachments?.[0]).toMatchObject({ name: "nytt-bilde.jpg" });
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
