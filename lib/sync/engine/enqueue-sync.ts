/**
 * Enqueues a sync module for a tenant: writes a QUEUED run (so the dashboard shows it at once) and
 * sends the job with the tenant-module singleton key. If a job for that module is already queued,
 * pg-boss refuses the duplicate and the run record is removed again; the caller learns that.
 */
import type PgBoss from "pg-boss";
import { db } from "../../db";
import { webBoss } from "../../jobs/boss";
import { SYNC_QUEUE, singletonKeyFor, type SyncJobPayload } from "../../jobs/queues";
import type { SyncModuleName } from "../../settings/defaults";

/** `code` names the reason for the dashboard's translation (messages: enqueue.<code>); `reason` is its English text. */
export type EnqueueResult = { queued: true; runId: string } | { queued: false; code: "ALREADY_QUEUED"; reason: string };

export async function enqueueSync(
  input: { tenantId: string; module: SyncModuleName; trigger: SyncJobPayload["trigger"]; itemIds?: string[] },
  boss?: PgBoss,
): Promise<EnqueueResult> {
  const sender = boss ?? (await webBoss());
  const run = await db.syncRun.create({
    data: { tenantId: input.tenantId, module: input.module, trigger: input.trigger, status: "QUEUED" },
  });
  const payload: SyncJobPayload = { ...input, runId: run.id };
  const jobId = await sender.send(SYNC_QUEUE[input.module], payload, {
    singletonKey: singletonKeyFor(input.tenantId, input.module),
  });
  if (!jobId) {
    await db.syncRun.deleteMany({ where: { id: run.id, tenantId: input.tenantId, status: "QUEUED" } });
    return { queued: false, code: "ALREADY_QUEUED", reason: "A run of this module is already waiting to start." };
  }
  await db.syncRun.updateMany({ where: { id: run.id, tenantId: input.tenantId }, data: { jobId } });
  return { queued: true, runId: run.id };
}
