/**
 * Several worker processes share the load through Postgres: 20 tenants, every module enqueued,
 * two and then three real worker processes. Every tenant is synced, nothing runs twice at once,
 * and no order is sent twice.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { createBoss, startBoss } from "../../jobs/boss";
import { SYNC_MODULES } from "../modules";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { startWorkerProcess, type WorkerProcess } from "../../../testing/worker-process";
import { enqueueSync } from "./enqueue-sync";

const TENANTS = 20;
let boss: PgBoss;

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await startBoss(boss);
});
afterAll(async () => boss?.stop({ graceful: false }));

describe.each([2, 3])("%i worker processes", (workerCount) => {
  const harnesses: SyncHarness[] = [];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    for (let i = 0; i < TENANTS; i++) {
      harnesses.push(
        await startSyncHarness({ seed: 100 + i, cscart: { products: 15, customers: 8, orders: 12 }, visma: { products: 15, customers: 8, orders: 0 } }),
      );
    }
    for (let i = 0; i < workerCount; i++) workers.push(await startWorkerProcess(`mw${workerCount}-${i}`));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop("SIGTERM")));
    await Promise.all(harnesses.map((harness) => harness.close()));
  });

  it("syncs every tenant, with no duplicate sales orders", async () => {
    const tenantIds = harnesses.map((harness) => harness.tenant.id);
    for (const tenantId of tenantIds) {
      for (const module of SYNC_MODULES.ids) {
        const result = await enqueueSync({ tenantId, module, trigger: "MANUAL" }, boss);
        expect(result.queued).toBe(true);
      }
    }
    // A second request while one is waiting is refused by the singleton key, not run twice.
    const duplicate = await enqueueSync({ tenantId: tenantIds[0]!, module: "PRODUCT_IMPORT", trigger: "MANUAL" }, boss);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const open = await db.syncRun.count({ where: { tenantId: { in: tenantIds }, status: { in: ["QUEUED", "RUNNING"] } } });
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error(`${open} runs still open`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const runs = await db.syncRun.findMany({ where: { tenantId: { in: tenantIds } } });
    expect(runs).toHaveLength(TENANTS * SYNC_MODULES.ids.length + (duplicate.queued ? 1 : 0));
    expect(runs.filter((run) => run.status === "FAILED").map((run) => run.error)).toEqual([]);

    for (const harness of harnesses) {
      const references = harness.visma.salesOrders().map((order) => order.customerOrder);
      expect(new Set(references).size).toBe(references.length);
      const done = await db.syncItem.count({ where: { tenantId: harness.tenant.id, module: "ORDER_EXPORT", state: "DONE" } });
      expect(references.length).toBe(done);
      expect(done).toBeGreaterThan(0);
      const unfinished = await db.syncItem.count({ where: { tenantId: harness.tenant.id, state: { in: ["PENDING", "CLAIMED"] } } });
      expect(unfinished).toBe(0);
      const products = await db.syncItem.count({ where: { tenantId: harness.tenant.id, module: "PRODUCT_IMPORT" } });
      expect(products).toBe(harness.visma.state.inventory.size);
    }

    // The same tenant module never ran in two overlapping runs.
    for (const tenantId of tenantIds) {
      for (const module of SYNC_MODULES.ids) {
        const spans = runs
          .filter((run) => run.tenantId === tenantId && run.module === module && run.startedAt && run.finishedAt)
          .map((run) => [run.startedAt!.getTime(), run.finishedAt!.getTime()] as const)
          .sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
      }
    }
  }, 300_000);
});
