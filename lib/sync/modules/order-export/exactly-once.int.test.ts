/**
 * Exactly once under faults: 500 shop orders, Visma.net answering 10% 5xx, bursts of 429 and
 * dropping 5% of write responses after committing them, and the worker process killed hard
 * mid-run and replaced. Afterwards Visma.net holds exactly one sales order per shop order.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { createBoss, startBoss } from "../../../jobs/boss";
import { startSyncHarness, type SyncHarness } from "../../../../testing/sync-harness";
import { startWorkerProcess, type WorkerProcess } from "../../../../testing/worker-process";
import { enqueueSync } from "../../engine/enqueue-sync";

const ORDERS = Number(process.env.EXACTLY_ONCE_ORDERS ?? 500);
let h: SyncHarness;
let boss: PgBoss;
const workers: WorkerProcess[] = [];

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  h = await startSyncHarness({ seed: 21, cscart: { orders: 0, products: 40 }, visma: { orders: 0, products: 40, rateLimitPerHour: 1_000_000 } });
  const skus = [...h.cscart.state.products.values()].map((p) => p.productCode).filter((code) => h.visma.state.inventory.get(code)?.status === "Active");
  // Some customers exist in Visma.net already; most are new, several order more than once.
  for (let i = 0; i < 10; i++) h.visma.upsertCustomer({ name: `Eksisterende ${i}`, email: `kunde${i}@example.no` });
  for (let i = 0; i < ORDERS; i++) {
    h.cscart.createOrder({
      email: `kunde${i % 80}@example.no`,
      firstname: "Kunde",
      lastname: `Nr ${i % 80}`,
      lines: [{ productCode: skus[i % skus.length]!, amount: 1 + (i % 3) }],
    });
  }
  h.cscart.setFaults({ latencyMs: 5 });
  h.visma.setFaults({ latencyMs: 10, errorRate: 0.1, rateLimitBurst: { every: 40, count: 3, retryAfterSeconds: 1 }, commitThenDropRate: 0.05 });
  boss = createBoss({ role: "web" });
  await startBoss(boss);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
  await boss?.stop({ graceful: false });
  await h?.close();
});

describe("order export, exactly once", () => {
  it("creates exactly one sales order per shop order despite faults and a killed worker", async () => {
    const started = Date.now();
    workers.push(await startWorkerProcess("fault-w1", { ORDER_EXPORT_CONCURRENCY: "4" }));
    await enqueueSync({ tenantId: h.tenant.id, module: "ORDER_EXPORT", trigger: "MANUAL" }, boss);

    // Kill the worker hard in the middle of the run, then start another one.
    await waitFor(() => h.visma.salesOrders().length >= ORDERS / 5, 120_000, "the first fifth of the sales orders");
    await workers[0]!.stop("SIGKILL");
    const atKill = h.visma.salesOrders().length;
    expect(atKill).toBeLessThan(ORDERS);
    workers.push(await startWorkerProcess("fault-w2", { ORDER_EXPORT_CONCURRENCY: "4" }));

    // Keep the module scheduled (as the per-minute tick would) until every order has an outcome.
    await waitFor(
      async () => {
        const final = await db.syncItem.count({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", state: { in: ["DONE", "FAILED"] } } });
        if (final === ORDERS) return true;
        const busy = await db.syncRun.count({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", status: { in: ["QUEUED", "RUNNING"] } } });
        if (!busy) await enqueueSync({ tenantId: h.tenant.id, module: "ORDER_EXPORT", trigger: "SCHEDULE" }, boss);
        return false;
      },
      400_000,
      "all orders exported",
    ).catch(async (error) => {
      const states = await db.syncItem.groupBy({ by: ["state"], where: { tenantId: h.tenant.id, module: "ORDER_EXPORT" }, _count: { _all: true } });
      const errors = await db.syncItem.findMany({
        where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", state: { not: "DONE" } },
        select: { externalId: true, state: true, lastError: true, attempts: true },
        take: 5,
      });
      const runs = await db.syncRun.findMany({ where: { tenantId: h.tenant.id }, select: { status: true, error: true, failed: true, created: true } });
      throw new Error(`${(error as Error).message}: ${JSON.stringify({ states, errors, runs, worker: workers.at(-1)?.output.slice(-20) })}`);
    });

    expect(await db.syncItem.count({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", state: "DONE" } })).toBe(ORDERS);
    const salesOrders = h.visma.salesOrders();
    const references = salesOrders.map((order) => order.customerOrder);
    const expected = [...h.cscart.state.orders.keys()].map((id) => `CSCART-${id}`);
    const runs = await db.syncRun.findMany({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT" } });
    const calls = runs.reduce((sum, run) => sum + Object.values(run.remoteCalls as Record<string, { calls: number }>).reduce((s, r) => s + r.calls, 0), 0);
    console.log(
      JSON.stringify({
        salesOrders: salesOrders.length,
        duplicates: references.length - new Set(references).size,
        missing: expected.filter((ref) => !references.includes(ref)).length,
        killedAfter: atKill,
        runs: runs.length,
        remoteCallsRecorded: calls,
        visma429: h.visma.requestStats(),
        seconds: Math.round((Date.now() - started) / 1000),
      }),
    );
    expect(salesOrders).toHaveLength(ORDERS);
    expect(new Set(references).size).toBe(ORDERS);
    expect([...references].sort()).toEqual([...expected].sort());
    // Every sales order went to the customer with the order's e-mail.
    const emailsByCustomer = new Map([...h.visma.state.customers.values()].map((c) => [c.number, c.mainContact.email.toLowerCase()]));
    for (const order of salesOrders) {
      const shopOrder = h.cscart.state.orders.get(Number(order.customerOrder!.slice("CSCART-".length)))!;
      expect(emailsByCustomer.get(order.customerId)).toBe(shopOrder.email.toLowerCase());
    }
  }, 600_000);
});
