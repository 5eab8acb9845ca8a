import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCscartSimulator, type CscartSimulator } from "../cscart/server";
import { controlFetch, cscartFetch, vismaFetch, vismaToken } from "../testing";
import { startVismaSimulator, type VismaSimulator } from "../visma/server";

let cscart: CscartSimulator;
let visma: VismaSimulator;
let token: string;

beforeAll(async () => {
  cscart = await startCscartSimulator({ port: 0, seed: 4, products: 20, customers: 5, orders: 5 });
  visma = await startVismaSimulator({ port: 0, seed: 4, products: 20, customers: 5, orders: 5 });
  token = await vismaToken(visma);
});
afterAll(async () => {
  await cscart.close();
  await visma.close();
});

async function statuses(count: number, send: () => Promise<Response>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await send()).status);
  return result;
}

const customerV3Order = () => ({
  type: "SO",
  customer: { id: [...visma.state.customers.keys()][0]!, order: "CSCART-9" },
  orderLines: [{ inventoryId: [...visma.state.inventory.values()].find((item) => item.status === "Active")!.inventoryNumber, quantity: 1, unitPrice: 10 }],
});

describe("fault injection", () => {
  it("is set at start through the faults option", async () => {
    const failing = await startCscartSimulator({ port: 0, seed: 4, products: 5, customers: 2, orders: 2, faults: { errorRate: 1 } });
    try {
      const response = await cscartFetch(failing, "/api/orders");
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.json()).toMatchObject({ status: response.status, message: expect.any(String) });
    } finally {
      await failing.close();
    }
  });

  it("is set and read at run time through the control endpoint, and validated", async () => {
    const set = await controlFetch(visma, "/faults", { errorRate: 1, match: { pathPrefix: "/v1/customer" } });
    expect(set.status).toBe(200);
    expect((await (await controlFetch(visma, "/faults")).json()) as object).toMatchObject({ errorRate: 1 });
    const failed = await vismaFetch(visma, token, "/v1/customer");
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(((await failed.json()) as { ExceptionType: string }).ExceptionType).toBe("IPPException");
    expect((await vismaFetch(visma, token, "/v1/inventory?pageNumber=1&pageSize=1")).status).toBe(200);
    expect((await controlFetch(visma, "/faults", { errorRate: 2 })).status).toBe(400);
    await controlFetch(visma, "/faults", {});
    expect((await vismaFetch(visma, token, "/v1/customer")).status).toBe(200);
  });

  it("gives the same 5xx pattern for the same seed", async () => {
    const pattern = async () => {
      const target = await startCscartSimulator({ port: 0, seed: 99, products: 5, customers: 2, orders: 2, faults: { errorRate: 0.5 } });
      try {
        return await statuses(12, () => cscartFetch(target, "/api/orders"));
      } finally {
        await target.close();
      }
    };
    const first = await pattern();
    expect(first.some((status) => status >= 500)).toBe(true);
    expect(first.some((status) => status === 200)).toBe(true);
    expect(await pattern()).toEqual(first);
  });

  it("answers bursts of 429 with Retry-After", async () => {
    cscart.setFaults({ rateLimitBurst: { every: 2, count: 1, retryAfterSeconds: 3 } });
    const responses: Response[] = [];
    for (let i = 0; i < 6; i++) responses.push(await cscartFetch(cscart, "/api/categories"));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(responses[2]!.headers.get("retry-after")).toBe("3");
    cscart.setFaults({});
  });

  it("adds latency before answering", async () => {
    visma.setFaults({ latencyMs: 120 });
    const started = performance.now();
    expect((await vismaFetch(visma, token, "/v1/customer?pageNumber=1&pageSize=1")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    visma.setFaults({});
  });

  it("hangs so that the client has to time out", async () => {
    cscart.setFaults({ hangRate: 1 });
    const before = cscart.requestStats().hung;
    await expect(fetch(`${cscart.url}/api/orders`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(cscart.requestStats().hung).toBe(before + 1);
    cscart.setFaults({});
    expect((await cscartFetch(cscart, "/api/orders")).status).toBe(200);
  });

  it("commits a write and then drops the connection (V3 sales order and CS-Cart product)", async () => {
    visma.setFaults({ commitThenDropRate: 1, match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" } });
    const ordersBefore = visma.state.salesOrders.size;
    await expect(vismaFetch(visma, token, "/api/v3/SalesOrders", { method: "POST", body: customerV3Order() })).rejects.toThrow();
    expect(visma.state.salesOrders.size).toBe(ordersBefore + 1);
    expect((await vismaFetch(visma, token, "/api/v3/SalesOrders")).status).toBe(200);
    visma.setFaults({});

    cscart.setFaults({ commitThenDropRate: 1 });
    const productsBefore = cscart.state.products.size;
    await expect(cscartFetch(cscart, "/api/products", { method: "POST", body: { product: "Drop", price: 1, category_ids: [2] } })).rejects.toThrow();
    expect(cscart.state.products.size).toBe(productsBefore + 1);
    expect((await cscartFetch(cscart, "/api/orders")).status).toBe(200);
    cscart.setFaults({});
  });

  it("sends malformed JSON bodies", async () => {
    cscart.setFaults({ malformedJsonRate: 1 });
    const response = await cscartFetch(cscart, "/api/orders");
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
    cscart.setFaults({});
    expect(cscart.requestStats().malformed).toBe(1);
  });

  it("expires Visma tokens early", async () => {
    const early = await vismaToken(visma);
    visma.setFaults({ tokenEarlyExpiry: 1 });
    const response = await vismaFetch(visma, early, "/v1/customer");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/invalid_token/);
    visma.setFaults({});
    expect((await vismaFetch(visma, early, "/v1/customer")).status).toBe(401);
    expect((await vismaFetch(visma, await vismaToken(visma), "/v1/customer")).status).toBe(200);
  });
});
