/**
 * "Re-import from a date" carries its date in the job. Raced against an import that is running
 * (and moves the cursor when it ends) and one that is queued behind it, the re-import still writes
 * everything changed since the date; nothing outside a run touches the cursor.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSyncJob } from "../../../workers/jobs/sync-module";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { db } from "../../db";
import { singletonKeyFor } from "../../jobs/queues";
import { findWaitingJob } from "../../jobs/waiting-job";
import { SYNC_MODULES } from "../modules";
import { productImport } from "../modules/product-import/definition";
import { stockSync } from "../modules/stock-sync/definition";
import { readCursor, SinceCursorCodec } from "./cursor";
import { enqueueSync } from "./enqueue-sync";
import { requestReimport } from "./request-reimport";
import type { RunSummary } from "./run-sync-module";

let h: SyncHarness;
let boss: PgBoss;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 31, cscart: { orders: 0, products: 40 }, visma: { orders: 0, products: 40, maxPageSize: { inventory: 5 } }, boss: true });
  boss = h.boss;
});
afterAll(async () => h?.close());

async function takeJob(queue: string): Promise<PgBoss.Job<unknown>> {
  const [job] = await boss.fetch<unknown>(queue);
  expect(job, `a job in ${queue}`).toBeDefined();
  return job!;
}

async function handle(queue: string, job: PgBoss.Job<unknown>): Promise<RunSummary> {
  const summary = (await handleSyncJob(job, SYNC_MODULES, boss)) as RunSummary;
  await boss.complete(queue, job.id);
  return summary;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("re-import from a date", () => {
  it("survives an import that is running and one that is queued, and writes every item changed since the date", async () => {
    // Everything is in the shop and the cursor is current: a plain run would write nothing.
    expect((await h.run("PRODUCT_IMPORT")).status).toBe("SUCCEEDED");
    const items = h.visma.state.inventory.size;

    // A scheduled import runs (slowly: its cursor write comes last) and another waits behind it.
    h.visma.setFaults({ latencyMs: 40, match: { method: "GET", pathPrefix: "/v1/inventory" } });
    await enqueueSync({ tenantId: h.tenant.id, module: productImport.id, trigger: "SCHEDULE" }, boss);
    const runningJob = await takeJob(productImport.queue);
    const running = handle(productImport.queue, runningJob);
    await until(async () => (await db.syncRun.count({ where: { tenantId: h.tenant.id, module: productImport.id, status: "RUNNING" } })) === 1);
    expect(await enqueueSync({ tenantId: h.tenant.id, module: productImport.id, trigger: "SCHEDULE" }, boss)).toMatchObject({ queued: true });

    const cursorBefore = await readCursor(h.tenant.id, productImport.id, SinceCursorCodec);
    const [result] = await requestReimport(h.tenant.id, new Date("2001-01-01T00:00:00Z"), [productImport.id], boss);
    expect(result).toMatchObject({ queued: true });
    // Nothing outside a run touched the cursor: it is where it was, or where the running import
    // (which may end meanwhile on a busy machine) moved it; never back to the re-import's date.
    const cursorNow = await readCursor(h.tenant.id, productImport.id, SinceCursorCodec);
    expect(cursorNow!.since.getTime()).toBeGreaterThanOrEqual(cursorBefore!.since.getTime());
    // The queued run became the re-import.
    const waiting = await findWaitingJob(productImport.queue, singletonKeyFor(h.tenant.id, productImport.id));
    expect(waiting!.data).toMatchObject({ trigger: "REIMPORT", reimportFrom: "2001-01-01T00:00:00.000Z" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: (result as { runId: string }).runId } })).toMatchObject({ status: "QUEUED", trigger: "REIMPORT" });

    // The running import ends and moves the cursor to its own start, as it always does.
    expect((await running).status).toBe("SUCCEEDED");
    const movedTo = await readCursor(h.tenant.id, productImport.id, SinceCursorCodec);
    expect(movedTo!.since.getTime()).toBeGreaterThan(new Date("2001-01-01").getTime());
    h.visma.setFaults({});

    // The re-import then writes every item, unchanged or not, and shows its progress like any run.
    h.cscart.resetRequestStats();
    const reimport = await handle(productImport.queue, await takeJob(productImport.queue));
    expect(reimport).toMatchObject({ runId: (result as { runId: string }).runId, status: "SUCCEEDED" });
    const inShop = (await h.ledger("PRODUCT_IMPORT")).filter((row) => row.state === "DONE").length;
    expect(reimport.counts.updated).toBe(inShop);
    expect(inShop).toBeGreaterThan(items / 2);
    const row = await db.syncRun.findUniqueOrThrow({ where: { id: reimport.runId } });
    expect(row).toMatchObject({ trigger: "REIMPORT", total: items, processed: items });
  });

  it("covers stock: every amount is written again, and a waiting re-import keeps the earlier of two dates", async () => {
    await h.run("STOCK_SYNC");
    expect((await h.run("STOCK_SYNC")).counts.updated).toBe(0);

    await requestReimport(h.tenant.id, new Date("2010-01-01T00:00:00Z"), [stockSync.id], boss);
    await requestReimport(h.tenant.id, new Date("2005-01-01T00:00:00Z"), [stockSync.id], boss);
    await requestReimport(h.tenant.id, new Date("2012-01-01T00:00:00Z"), [stockSync.id], boss);
    const waiting = await findWaitingJob(stockSync.queue, singletonKeyFor(h.tenant.id, stockSync.id));
    expect(waiting!.data).toMatchObject({ trigger: "REIMPORT", reimportFrom: "2005-01-01T00:00:00.000Z" });
    expect(await db.syncRun.count({ where: { tenantId: h.tenant.id, module: stockSync.id, status: "QUEUED" } })).toBe(1);

    const reimport = await handle(stockSync.queue, await takeJob(stockSync.queue));
    expect(reimport.status).toBe("SUCCEEDED");
    expect(reimport.counts.updated).toBeGreaterThan(0);
    expect(reimport.counts.updated).toBe((await h.ledger("STOCK_SYNC")).filter((row) => row.state === "DONE").length);
  });

  it("does not replace a waiting retry of chosen records, and says so", async () => {
    const [row] = await h.ledger("PRODUCT_IMPORT");
    expect(await enqueueSync({ tenantId: h.tenant.id, module: productImport.id, trigger: "RETRY", itemIds: [row!.id] }, boss)).toMatchObject({ queued: true });
    await expect(requestReimport(h.tenant.id, new Date("2001-01-01T00:00:00Z"), [productImport.id], boss)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "A retry of chosen records is waiting to start; start the re-import once it has begun.",
      params: { variant: "retryWaiting" },
    });
    expect((await findWaitingJob(productImport.queue, singletonKeyFor(h.tenant.id, productImport.id)))!.data).toMatchObject({ trigger: "RETRY" });
    await handle(productImport.queue, await takeJob(productImport.queue));
  });
});
