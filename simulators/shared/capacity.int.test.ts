/** Contract: the capacity model (workers, service time per kind, queue, 503/504) at start and through the control API. */
import { afterEach, describe, expect, it } from "vitest";
import { startCscartSimulator, type CscartSimulator } from "../cscart/server";
import { controlFetch, cscartFetch, vismaFetch, vismaToken } from "../testing";
import { startVismaSimulator, type VismaSimulator } from "../visma/server";
import type { CapacityConfig, CapacityStats } from "./capacity";

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

async function shop(capacity: CscartSimulator["options"]["capacity"]): Promise<CscartSimulator> {
  const sim = await startCscartSimulator({ port: 0, seed: 5, products: 10, customers: 2, orders: 2, capacity });
  started.push(sim);
  return sim;
}

/** Polls the model's own counts (no timing assumptions): resolves once `ready` holds. */
async function until(sim: { capacityStats(): CapacityStats }, ready: (stats: CapacityStats) => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ready(sim.capacityStats()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(ready(sim.capacityStats())).toBe(true);
}

const statusesOf = async (responses: Promise<Response>[]) => (await Promise.all(responses)).map((response) => response.status).sort();

describe("capacity model", () => {
  it("serves `workers` requests at once, queues up to queueLimit more and answers the rest 503 as the web server in front does (an HTML page, no API body)", async () => {
    const sim = await shop({ workers: 2, queueLimit: 1, serviceMs: { read: 1000, write: 1000, imageWrite: 1000 } });
    const responses = Array.from({ length: 4 }, () => cscartFetch(sim, "/api/products?items_per_page=1"));
    // While the first two are served, the third waits and the fourth finds the queue full.
    const refused = await Promise.race(responses);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await refused.text()).toContain("<title>503 Service Temporarily Unavailable</title>");
    expect(await statusesOf(responses)).toEqual([200, 200, 200, 503]);
    expect(sim.capacityStats()).toMatchObject({
      served: { read: 3, write: 0, imageWrite: 0 },
      refused: 1,
      timedOut: 0,
      busyMs: 3000,
      peakQueue: 1,
      inService: 0,
      queued: 0,
    });
  });

  it("answers 504 to a request that waited queueTimeoutMs for a worker, and never runs it", async () => {
    const sim = await shop({ workers: 1, queueLimit: 5, queueTimeoutMs: 50, serviceMs: { read: 0, write: 400, imageWrite: 400 } });
    const product = [...sim.state.products.values()][0]!;
    const first = cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: { amount: 11 } });
    await until(sim, (stats) => stats.inService === 1);
    const second = await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: { amount: 22 } });
    expect(second.status).toBe(504);
    expect(await second.text()).toContain("<title>504 Gateway Time-out</title>");
    expect((await first).status).toBe(200);
    expect(product.amount).toBe(11);
    expect(sim.capacityStats()).toMatchObject({ served: { write: 1 }, timedOut: 1 });
  });

  it("counts a product write naming a picture by URL as an image write (the shop downloads it), other writes as writes", async () => {
    const sim = await shop({ workers: 4, serviceMs: { read: 0, write: 1, imageWrite: 2 } });
    const product = [...sim.state.products.values()][0]!;
    const withPicture = { main_pair: { detailed: { image_path: "https://images.example.com/a.png" } } };
    expect((await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: withPicture })).status).toBe(200);
    expect((await cscartFetch(sim, `/api/2.0/products/${product.productId}`, { method: "PUT", body: { amount: 3 } })).status).toBe(200);
    expect((await cscartFetch(sim, "/api/orders")).status).toBe(200);
    expect(sim.capacityStats().served).toEqual({ read: 1, write: 1, imageWrite: 1 });
    expect(sim.capacityStats().busyMs).toBe(3);
  });

  it("is set, read and cleared through the control API; a bad body is refused with the reason", async () => {
    const sim = await shop({});
    expect(((await (await controlFetch(sim, "/capacity")).json()) as { config: CapacityConfig }).config.workers).toBeNull();
    const set = await controlFetch(sim, "/capacity", { workers: 3, queueLimit: 0, serviceMs: { read: 200 } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { config: CapacityConfig }).config).toEqual({
      workers: 3,
      queueLimit: 0,
      queueTimeoutMs: 30_000,
      serviceMs: { read: 200, write: 60, imageWrite: 300 },
    });
    expect(await statusesOf(Array.from({ length: 5 }, () => cscartFetch(sim, "/api/orders?items_per_page=1")))).toEqual([200, 200, 200, 503, 503]);
    const read = (await (await controlFetch(sim, "/capacity")).json()) as { stats: CapacityStats };
    expect(read.stats).toMatchObject({ served: { read: 3 }, refused: 2 });
    expect(read.stats.offeredMs).toBeGreaterThan(0);

    const bad = await controlFetch(sim, "/capacity", { workers: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("workers");

    expect((await controlFetch(sim, "/requests/reset", {})).status).toBe(200);
    expect(sim.capacityStats()).toMatchObject({ served: { read: 0 }, refused: 0, busyMs: 0 });
  });

  it("takes a smaller capacity at run time: requests being served finish, new ones wait for the fewer workers", async () => {
    const sim = await shop({ workers: 4, queueLimit: 10, serviceMs: { read: 150, write: 150, imageWrite: 150 } });
    const first = Array.from({ length: 4 }, () => cscartFetch(sim, "/api/orders?items_per_page=1"));
    await until(sim, (stats) => stats.inService === 4);
    sim.setCapacity({ workers: 1, queueLimit: 10, serviceMs: { read: 150, write: 150, imageWrite: 150 } });
    const later = Array.from({ length: 3 }, () => cscartFetch(sim, "/api/orders?items_per_page=1"));
    await until(sim, (stats) => stats.queued === 3);
    expect(sim.capacityStats().inService).toBe(4);
    await Promise.all(first);
    // One worker now: the three later requests are served one after another.
    let peakInService = 0;
    const watch = setInterval(() => (peakInService = Math.max(peakInService, sim.capacityStats().inService)), 5);
    expect(await statusesOf(later)).toEqual([200, 200, 200]);
    clearInterval(watch);
    expect(peakInService).toBe(1);
  });

  it("applies to the Visma.net simulator too (its concurrency)", async () => {
    const erp: VismaSimulator = await startVismaSimulator({ port: 0, seed: 5, products: 5, customers: 2, orders: 1 });
    started.push(erp);
    const token = await vismaToken(erp);
    erp.setCapacity({ workers: 1, queueLimit: 0, serviceMs: { read: 1000, write: 1000, imageWrite: 1000 } });
    const statuses = await statusesOf([vismaFetch(erp, token, "/v1/customer"), vismaFetch(erp, token, "/v1/customer")]);
    expect(statuses).toEqual([200, 503]);
    expect(erp.capacityStats()).toMatchObject({ served: { read: 1 }, refused: 1 });
  });
});
