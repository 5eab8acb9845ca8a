/**
 * A long rate limit (Retry-After of minutes) through the real job path: the run stops taking
 * records, the record that met it keeps its attempt, the run ends RATE_LIMITED with the time, the
 * worker slot is released and the module's next job waits in pg-boss for that time under the same
 * singleton key. A job that starts early waits without a request; at the time, the work goes on.
 */
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleSyncJob } from "../../../workers/jobs/sync-module";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { db } from "../../db";
import { singletonKeyFor } from "../../jobs/queues";
import { findWaitingJob } from "../../jobs/waiting-job";
import { SYNC_MODULES } from "../modules";
import { orderExport } from "../modules/order-export/definition";
import { productImport } from "../modules/product-import/definition";
import { readCursor, SinceCursorCodec } from "./cursor";
import { enqueueSync } from "./enqueue-sync";
import type { RunSummary } from "./run-sync-module";

const RETRY_AFTER_SECONDS = 900;
let h: SyncHarness;
let boss: PgBoss;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 21, cscart: { orders: 0 }, visma: { orders: 0 }, boss: true });
  boss = h.boss;
});
afterAll(async () => h?.close());

/** Takes the module's job as a worker does (the one that may start now) and handles it. */
async function workOne(queue: string): Promise<RunSummary> {
  const [job] = await boss.fetch<unknown>(queue);
  expect(job, `a job waiting in ${queue}`).toBeDefined();
  const summary = (await handleSyncJob(job!, SYNC_MODULES, boss)) as RunSummary;
  await boss.complete(queue, job!.id);
  return summary;
}

function salesOrderPosts(): number {
  return h.visma.requestStats().byRoute["POST /api/v3/SalesOrders"] ?? 0;
}

/**
 * The time the remote named has come: this process's clock moves past it (the HTTP layer remembers
 * the limit per process, as it must), and pg-boss, which reads the database's clock, lets the job start.
 */
async function timeHasCome(queue: string, jobId: string, until: Date) {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(until.getTime() + 1000);
  await db.$executeRaw`update pgboss.job set start_after = now() where name = ${queue} and id = ${jobId}::uuid`;
}
afterEach(() => {
  vi.useRealTimers();
});

describe("a long rate limit", () => {
  it("stops an order export, keeps every attempt, and brings the job back at the time the remote named", async () => {
    const skus = [...h.cscart.state.products.values()].filter((product) => h.visma.state.inventory.has(product.productCode));
    for (let i = 0; i < 8; i++)
      h.cscart.createOrder({ email: `pause-${i}@example.no`, status: "P", lines: [{ productCode: skus[i % skus.length]!.productCode }] });
    // Three sales orders go through, then Visma.net answers 429 with a quarter of an hour to wait.
    h.visma.setFaults({
      rateLimitBurst: { every: 3, count: 1000, retryAfterSeconds: RETRY_AFTER_SECONDS },
      match: { method: "POST", pathPrefix: "/api/v3/SalesOrders" },
    });
    h.visma.resetRequestStats();
    const before = Date.now();

    expect(await enqueueSync({ tenantId: h.tenant.id, module: orderExport.id, trigger: "SCHEDULE" }, boss)).toMatchObject({ queued: true });
    const paused = await workOne(orderExport.queue);

    expect(paused.status).toBe("RATE_LIMITED");
    expect(paused.counts).toMatchObject({ created: 3, failed: 0 });
    const until = paused.rateLimitedUntil!;
    expect(until.getTime()).toBeGreaterThanOrEqual(before + RETRY_AFTER_SECONDS * 1000 - 1000);
    // It stopped taking orders at the first refusal (with 4 orders at once, at most 3 more were in flight).
    expect(salesOrderPosts()).toBeLessThanOrEqual(3 + orderExport.concurrency());
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: paused.runId } });
    expect(run).toMatchObject({ status: "RATE_LIMITED", errorCode: "REMOTE_RATE_LIMITED", rateLimitedUntil: until });
    expect(run.error).toMatch(/slow down|no more requests/);

    // No order spent an attempt on the refusal: those not written are as if never tried.
    const ledger = await h.ledger("ORDER_EXPORT");
    expect(ledger.filter((row) => row.state === "DONE")).toHaveLength(3);
    for (const row of ledger.filter((candidate) => candidate.state !== "DONE")) expect(row).toMatchObject({ state: "PENDING", attempts: 0, claimedAt: null });

    // The next job waits in pg-boss for that time, with the module's singleton key and its own QUEUED run.
    const waiting = await findWaitingJob(orderExport.queue, singletonKeyFor(h.tenant.id, orderExport.id));
    expect(waiting).toBeDefined();
    expect(Math.abs(waiting!.startAfter.getTime() - until.getTime())).toBeLessThan(1000);
    const next = await db.syncRun.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: orderExport.id, status: "QUEUED" } });
    expect(next).toMatchObject({ trigger: "SCHEDULE", rateLimitedUntil: until });
    expect(waiting!.data).toMatchObject({ runId: next.id, trigger: "SCHEDULE" });
    // So the scheduler's next tick adds nothing, and no worker can take it before the time.
    expect(await enqueueSync({ tenantId: h.tenant.id, module: orderExport.id, trigger: "SCHEDULE" }, boss)).toMatchObject({ queued: false });
    expect(await boss.fetch(orderExport.queue)).toEqual([]);

    // A run started before the time (by hand, or a job sent earlier) waits without asking Visma.net.
    h.visma.resetRequestStats();
    const early = await h.run("ORDER_EXPORT", "MANUAL");
    expect(early).toMatchObject({ status: "QUEUED", rateLimitedUntil: until });
    expect(h.visma.requestStats().total).toBe(0);
    await db.syncRun.deleteMany({ where: { id: early.runId } });

    // The time comes: the job runs and the rest of the orders go through, each exactly once.
    h.visma.setFaults({});
    await timeHasCome(orderExport.queue, waiting!.id, until);
    const resumed = await workOne(orderExport.queue);
    expect(resumed).toMatchObject({ runId: next.id, status: "SUCCEEDED", counts: { created: 5, failed: 0 } });
    for (const order of h.cscart.state.orders.values())
      expect(h.visma.salesOrders().filter((sales) => sales.customerOrder === `CSCART-${order.orderId}`)).toHaveLength(1);
  });

  it("stops an import at the page it could not read, leaves the cursor, and a re-import keeps its date across the pause", async () => {
    await h.run("PRODUCT_IMPORT");
    const cursorBefore = await readCursor(h.tenant.id, productImport.id, SinceCursorCodec);
    h.visma.setFaults({
      rateLimitBurst: { every: 0, count: 1000, retryAfterSeconds: RETRY_AFTER_SECONDS },
      match: { method: "GET", pathPrefix: "/v1/inventory" },
    });

    const from = new Date("2020-01-01T00:00:00Z");
    expect(await enqueueSync({ tenantId: h.tenant.id, module: productImport.id, trigger: "REIMPORT", reimportFrom: from.toISOString() }, boss)).toMatchObject({
      queued: true,
    });
    const paused = await workOne(productImport.queue);
    expect(paused.status).toBe("RATE_LIMITED");
    expect(await readCursor(h.tenant.id, productImport.id, SinceCursorCodec)).toEqual(cursorBefore);

    const waiting = await findWaitingJob(productImport.queue, singletonKeyFor(h.tenant.id, productImport.id));
    expect(waiting!.data).toMatchObject({ trigger: "REIMPORT", reimportFrom: from.toISOString() });

    h.visma.setFaults({});
    await timeHasCome(productImport.queue, waiting!.id, paused.rateLimitedUntil!);
    h.cscart.resetRequestStats();
    const resumed = await workOne(productImport.queue);
    // A re-import writes every item again, although none changed since the last run.
    expect(resumed.status).toBe("SUCCEEDED");
    expect(resumed.counts.updated).toBe(h.visma.state.inventory.size - resumed.counts.skipped);
    expect(resumed.counts.updated).toBeGreaterThan(0);
  });
});
