/**
 * A worker starts a job as soon as it is sent, not at its next poll: the worker here polls once an
 * hour, so only the announcement (lib/jobs/wake-workers.ts) can make it take the second run.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueSync } from "@/lib/sync/engine/enqueue-sync";
import { startSyncHarness, type SyncHarness } from "@/testing/sync-harness";
import { startWorkerProcess, type WorkerProcess } from "@/testing/worker-process";

let harness: SyncHarness;
let worker: WorkerProcess;

beforeAll(async () => {
  harness = await startSyncHarness({ boss: true, cscart: { products: 5 }, visma: { products: 5 } });
  worker = await startWorkerProcess("pickup", { WORKER_POLL_SECONDS: "3600" });
}, 120_000);
afterAll(async () => {
  await worker?.stop("SIGTERM");
  await harness?.close();
});

async function finished(runId: string) {
  for (;;) {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.finishedAt) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("takes a run sent while its pollers sleep for an hour", async () => {
  const send = async () => {
    const result = await enqueueSync({ tenantId: harness.tenant.id, module: "STOCK_SYNC", trigger: "MANUAL" }, harness.boss);
    if (!result.queued) throw new Error(result.reason);
    return result.runId;
  };
  // The first run may be taken by a poller's first fetch; once it is done, every poller of the queue sleeps.
  expect((await finished(await send())).status).toBe("SUCCEEDED");
  expect((await finished(await send())).status).toBe("SUCCEEDED");
});
