/**
 * Enqueues a sync module for a tenant: writes a QUEUED run (so the dashboard shows it at once) and
 * sends the job to the module's queue with the tenant-module singleton key. If a job for that
 * module is already queued, pg-boss refuses the duplicate and the run record is removed again; the
 * caller learns that. Dry runs take the same queue and key, so a dry run and a run of one module
 * never overlap and are throttled alike.
 */
import type PgBoss from "pg-boss";
import { db, type RunTrigger } from "../../db";
import { webBoss } from "../../jobs/boss";
import { singletonKeyFor, type SyncJobPayload } from "../../jobs/queues";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";

/** `code` names the reason for the dashboard's translation (messages: enqueue.<code>); `reason` is its English text. */
export type EnqueueResult = { queued: true; runId: string } | { queued: false; code: "ALREADY_QUEUED"; reason: string };

export async function enqueueSync(
  input: { tenantId: string; module: string; trigger: RunTrigger; itemIds?: string[]; reimportFrom?: string; dryRun?: boolean },
  boss?: PgBoss,
  registry: ModuleRegistry = SYNC_MODULES,
  /** `startAfter`: not before this time (a rate limit); the run shows it as rateLimitedUntil. */
  options: { startAfter?: Date } = {},
): Promise<EnqueueResult> {
  const module = registry.get(input.module);
  const run = await db.syncRun.create({
    data: { tenantId: input.tenantId, module: module.id, trigger: input.trigger, status: "QUEUED", rateLimitedUntil: options.startAfter ?? null, dryRun: input.dryRun === true },
  });
  const queued = await sendSyncJob({ ...input, runId: run.id }, boss, registry, options.startAfter);
  return queued ? { queued: true, runId: run.id } : { queued: false, code: "ALREADY_QUEUED", reason: "A run of this module is already waiting to start." };
}

/**
 * Sends the job of an existing QUEUED run (its `runId` in the payload). When pg-boss refuses it
 * (another job of the module is queued), the run is removed: the queued job does the work.
 */
export async function sendSyncJob(payload: SyncJobPayload & { runId: string }, boss?: PgBoss, registry: ModuleRegistry = SYNC_MODULES, startAfter?: Date): Promise<boolean> {
  const module = registry.get(payload.module);
  const sender = boss ?? (await webBoss());
  const jobId = await sender.send(module.queue, payload, { singletonKey: singletonKeyFor(payload.tenantId, module.id), ...(startAfter ? { startAfter } : {}) });
  if (!jobId) {
    await db.syncRun.deleteMany({ where: { id: payload.runId, tenantId: payload.tenantId, status: "QUEUED" } });
    return false;
  }
  await db.syncRun.updateMany({ where: { id: payload.runId, tenantId: payload.tenantId }, data: { jobId } });
  return true;
}
