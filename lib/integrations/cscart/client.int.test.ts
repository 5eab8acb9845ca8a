import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { startCscartSimulator, type CscartSimulator } from "../../../simulators/cscart/server";
import { caughtAppError } from "../../http/caught-app-error";
import { CallMeter } from "../../http/meter";
import { mapShopOrderToSalesOrder } from "../../sync/transform/shop-order-to-sales-order";
import { collectAll, type Page } from "../paging";
import { CsCartClient } from "./client";
import { allowLocalServers } from "../../../testing/allow-local-servers";

let sim: CscartSimulator;

beforeAll(async () => {
  sim = await startCscartSimulator({ port: 0, products: 30, customers: 12, orders: 23 });
  allowLocalServers(sim.url);
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.setFaults({});
});

async function collectPages<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const result: Page<T>[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

function client(meter = new CallMeter(), extra: { timeoutMs?: number; apiKey?: string } = {}) {
  return new CsCartClient({
    tenantId: randomUUID(),
    meter,
    timeoutMs: extra.timeoutMs ?? 10_000,
    backoff: { baseDelayMs: 10, maxDelayMs: 5000 },
    maxAttempts: 6,
    shopUrl: sim.url,
    adminEmail: "admin@example.com",
    apiKey: extra.apiKey ?? "cscart-demo-api-key",
  });
}

describe("CsCartClient against the CS-Cart simulator", () => {
  it("pages through all orders to the end", async () => {
    const cscart = client();
    const paged = await collectAll(cscart.listOrderPages({ itemsPerPage: 4 }));
    const onePage = await collectAll(cscart.listOrderPages({ itemsPerPage: 1000 }));
    expect(paged.length).toBe(onePage.length);
    expect(paged.length).toBeGreaterThan(4);
    expect(new Set(paged.map((order) => order.order_id)).size).toBe(paged.length);
  });

  it("filters orders by status and reads a detail that maps to a sales order", async () => {
    const cscart = client();
    const all = await collectAll(cscart.listOrderPages({ itemsPerPage: 100 }));
    const status = all[0]!.status;
    const filtered = await collectAll(cscart.listOrderPages({ status: [status], itemsPerPage: 100 }));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((order) => order.status === status)).toBe(true);

    const order = await cscart.getOrder(filtered[0]!.order_id);
    expect(order.order_id).toBe(filtered[0]!.order_id);
    const command = mapShopOrderToSalesOrder(order, { pricesIncludeVat: true, customerNumber: "10000" }).command;
    expect(command.customer.order).toBe(`CSCART-${order.order_id}`);
    expect(command.orderLines.length).toBe(Object.keys(order.products).length);
  });

  it("changes only the status of an order", async () => {
    const cscart = client();
    const [first] = await collectAll(cscart.listOrderPages({ itemsPerPage: 1 }));
    const target = first!.status === "C" ? "P" : "C";
    await cscart.updateOrderStatus(first!.order_id, target);
    expect((await cscart.getOrder(first!.order_id)).status).toBe(target);
  });

  it("finds, creates and updates products by code", async () => {
    const cscart = client();
    const existing = [...sim.state.products.values()][0]!;
    const found = await cscart.findProductsByCode(` ${existing.productCode.toLowerCase()} `);
    expect(found.map((product) => product.product_id)).toEqual([String(existing.productId)]);
    expect(await cscart.findProductsByCode("NO-SUCH-CODE-42")).toEqual([]);

    const categoryId = Number((await collectAll(cscart.listCategoryPages()))[0]!.category_id);
    const { productId } = await cscart.createProduct({
      product_code: "APIC-TEST-1",
      product: "Test vare æøå",
      price: "99.00",
      amount: 5,
      status: "A",
      category_ids: [categoryId],
      tax_ids: [],
    });
    await cscart.updateProduct(productId, { price: "89.50", amount: 3 });
    const [updated] = await cscart.findProductsByCode("APIC-TEST-1");
    expect(updated).toMatchObject({ product_id: productId, product: "Test vare æøå", amount: 3 });
    expect(Number(updated!.price)).toBe(89.5);
  });

  it("finds products by exact code only, and every one of them when the shop has duplicates", async () => {
    const cscart = client();
    const [first, second] = [...sim.state.products.values()];
    // A code that contains another one: pcode=<code> finds both, only the exact one is kept.
    sim.changeProduct(second!.productId, { productCode: `${first!.productCode}-XL` });
    expect((await cscart.findProductsByCode(first!.productCode)).map((product) => product.product_id)).toEqual([String(first!.productId)]);
    // CS-Cart has no unique key on product_code: a duplicate is returned too, so the caller can refuse.
    sim.changeProduct(second!.productId, { productCode: first!.productCode.toLowerCase() });
    expect((await cscart.findProductsByCode(first!.productCode)).map((product) => product.product_id).sort()).toEqual(
      [String(first!.productId), String(second!.productId)].sort(),
    );
    sim.reset();
  });

  it("lists orders changed since the cursor with updated_at_from, and by order id on an old shop", async () => {
    const cscart = client();
    const ids = (pages: { items: { order_id: string }[] }[]) => pages.flatMap((page) => page.items.map((order) => Number(order.order_id)));
    const all = [...sim.state.orders.values()].filter((order) => order.status !== "N");
    const changed = all[3]!;
    sim.changeOrder(changed.orderId, { status: changed.status, updatedAt: 2_000_000_000 });
    const recent = await cscart.listOrderChanges({ updatedAt: 2_000_000_000 - 10, lastOrderId: 0 }, { overlapSeconds: 0 });
    expect(recent.mode).toBe("updated_at");
    expect(Math.abs(recent.listedAt - Date.now() / 1000)).toBeLessThan(3600);
    expect(ids(await collectPages(recent.pages))).toEqual([changed.orderId]);

    sim.state.settings.ordersHaveUpdatedAt = false;
    try {
      const highest = Math.max(...all.map((order) => order.orderId));
      const newOrder = sim.createOrder({ email: "ny@example.no", lines: [{ productCode: [...sim.state.products.values()][0]!.productCode }] });
      const old = await cscart.listOrderChanges({ updatedAt: 2_000_000_000 - 10, lastOrderId: highest }, { itemsPerPage: 2 });
      expect(old.mode).toBe("order_id");
      // Only the order above the cursor: not the whole history the ignored filter would return.
      expect(ids(await collectPages(old.pages))).toEqual([newOrder.orderId]);
      const everything = await cscart.listOrderChanges({ lastOrderId: 0 }, { itemsPerPage: 4 });
      const listed = ids(await collectPages(everything.pages));
      expect(listed).toHaveLength(all.length + 1);
      expect(listed).toEqual([...listed].sort((a, b) => b - a));
    } finally {
      sim.reset();
    }
  });

  it("finds customers by exact e-mail and creates new ones", async () => {
    const cscart = client();
    const existing = [...sim.state.users.values()].find((user) => user.userType === "C")!;
    expect((await cscart.findUsersByEmail(existing.email.toUpperCase())).map((user) => user.user_id)).toEqual([String(existing.userId)]);
    const created = await cscart.createUser({
      email: "ny.kunde@example.no",
      user_type: "C",
      status: "A",
      firstname: "Åse",
      lastname: "Ødegård",
      company: "",
      phone: "+4799999999",
      b_firstname: "Åse",
      b_lastname: "Ødegård",
      b_address: "Fjordveien 2",
      b_address_2: "",
      b_city: "Tromsø",
      b_zipcode: "9008",
      b_country: "NO",
      b_phone: "+4799999999",
    });
    await cscart.updateUser(created.userId, { phone: "+4711111111" });
    expect(await cscart.findUsersByEmail("ny.kunde@example.no")).toMatchObject([{ user_id: created.userId, lastname: "Ødegård" }]);
  });

  it("explains a connection test in plain words", async () => {
    expect(await client().testConnection()).toMatchObject({ ok: true });
    const wrongKey = await client(new CallMeter(), { apiKey: "wrong" }).testConnection();
    expect(wrongKey).toMatchObject({ ok: false, code: "REMOTE_AUTH_FAILED" });
    expect(wrongKey.message).toContain("did not accept the admin e-mail and API key");
  });

  it("retries GETs through server errors", async () => {
    sim.setFaults({ errorRate: 0.5, match: { method: "GET" } });
    const meter = new CallMeter();
    const cscart = client(meter);
    for (let i = 0; i < 6; i += 1) await cscart.listCategoryPages().next();
    expect(meter.snapshot().cscart?.retries).toBeGreaterThan(0);
  });

  it("does not retry a POST that got a server error, and flags its outcome as unknown", async () => {
    sim.setFaults({ errorRate: 1, match: { method: "POST" } });
    const meter = new CallMeter();
    const error = await caughtAppError(
      client(meter).createProduct({ product_code: "X-1", product: "X", price: "1.00", status: "A", category_ids: [1], tax_ids: [] }),
    );
    expect(error.code).toBe("REMOTE_UNAVAILABLE");
    expect(error.details?.outcomeUnknown).toBe(true);
    expect(meter.snapshot().cscart?.calls).toBe(1);
  });

  it("gives outcomeUnknown when a POST times out or the connection drops after the write", async () => {
    sim.setFaults({ hangRate: 1, match: { method: "POST" } });
    const timeout = await caughtAppError(
      client(new CallMeter(), { timeoutMs: 400 }).createProduct({
        product_code: "X-2",
        product: "X",
        price: "1.00",
        status: "A",
        category_ids: [1],
        tax_ids: [],
      }),
    );
    expect(timeout.code).toBe("REMOTE_TIMEOUT");
    expect(timeout.details?.outcomeUnknown).toBe(true);

    sim.setFaults({ commitThenDropRate: 1, match: { method: "POST" } });
    const dropped = await caughtAppError(
      client().createProduct({ product_code: "X-3", product: "X", price: "1.00", status: "A", category_ids: [1], tax_ids: [] }),
    );
    expect(dropped.code).toBe("REMOTE_NETWORK");
    expect(dropped.details?.outcomeUnknown).toBe(true);
    sim.setFaults({});
    // The write did happen: that is why the caller must look before posting again.
    expect(await client().findProductsByCode("X-3")).toHaveLength(1);
  });

  it("honours Retry-After on 429 and succeeds", async () => {
    // One normal answer, then one 429, then normal again.
    sim.setFaults({ rateLimitBurst: { every: 1, count: 1, retryAfterSeconds: 1 } });
    const meter = new CallMeter();
    const cscart = client(meter);
    await cscart.listCategoryPages().next();
    await cscart.listCategoryPages().next();
    expect(meter.snapshot().cscart).toMatchObject({ calls: 3, rateLimited: 1, retries: 1 });
  });

  it("reports a malformed body as REMOTE_BAD_RESPONSE naming the endpoint", async () => {
    sim.setFaults({ malformedJsonRate: 1, match: { method: "GET" } });
    const error = await caughtAppError(client().getOrder([...sim.state.orders.keys()][0]!));
    expect(error.code).toBe("REMOTE_BAD_RESPONSE");
    expect(error.message).toMatch(/GET \/api\/2\.0\/orders\/\d+/);
  });
});
