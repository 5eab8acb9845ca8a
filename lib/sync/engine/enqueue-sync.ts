/**
 * Enqueues a sync module for a tenant: writes a QUEUED run (so the dashboard shows it at once) and
 * sends the job to the module's queue with the tenant-module singleton key. If a job for that
 * module is already queued, pg-boss refuses the duplicate and the run record is removed again; the
 * caller learns that. Dry runs take the same queue and key, so a dry run and a run of one module
 * never overlap and are throttled alike. A run (not a dry run) moves the module's next scheduled
 * run one interval on, whether or not it was queued.
 *
 * The schedule tick enqueues many at once with enqueueSyncs: five statements per 5,000.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { db, type RunTrigger } from "../../db";
import { webBoss } from "../../jobs/boss";
import { singletonKeyFor, type SyncJobPayload } from "../../jobs/queues";
import { announceJobs } from "../../jobs/wake-workers";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";
import { moveNextRuns } from "./module-schedules";

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
    data: {
      tenantId: input.tenantId,
      module: module.id,
      trigger: input.trigger,
      status: "QUEUED",
      rateLimitedUntil: options.startAfter ?? null,
      dryRun: input.dryRun === true,
    },
  });
  const queued = await sendSyncJob({ ...input, runId: run.id }, boss, registry, options.startAfter);
  // A dry run is not a run of the schedule: it neither delays nor replaces the next one.
  if (!input.dryRun) await moveNextRuns([{ tenantId: input.tenantId, module: module.id }], run.queuedAt);
  return queued ? { queued: true, runId: run.id } : { queued: false, code: "ALREADY_QUEUED", reason: "A run of this module is already waiting to start." };
}

/**
 * Sends the job of an existing QUEUED run (its `runId` in the payload). When pg-boss refuses it
 * (another job of the module is queued), the run is removed: the queued job does the work.
 */
export async function sendSyncJob(
  payload: SyncJobPayload & { runId: string },
  boss?: PgBoss,
  registry: ModuleRegistry = SYNC_MODULES,
  startAfter?: Date,
): Promise<boolean> {
  const module = registry.get(payload.module);
  const sender = boss ?? (await webBoss());
  const jobId = await sender.send(module.queue, payload, { singletonKey: singletonKeyFor(payload.tenantId, module.id), ...(startAfter ? { startAfter } : {}) });
  if (!jobId) {
    await db.syncRun.deleteMany({ where: { id: payload.runId, tenantId: payload.tenantId, status: "QUEUED" } });
    return false;
  }
  await db.syncRun.updateMany({ where: { id: payload.runId, tenantId: payload.tenantId }, data: { jobId } });
  // A job for later (a rate limit) is found by polling when its time comes.
  if (!startAfter || startAfter.getTime() <= Date.now()) await announceJobs([module.queue]);
  return true;
}

const ENQUEUE_BATCH = 5_000;

/**
 * Enqueues many tenant modules at once, as enqueueSync does one: QUEUED runs in one statement, the
 * jobs in one (pg-boss skips those whose singleton key already has a job waiting), then the runs
 * of the refused jobs are removed again and every module's next run moves one interval on.
 */
export async function enqueueSyncs(
  entries: readonly { tenantId: string; module: string }[],
  trigger: RunTrigger,
  boss?: PgBoss,
  registry: ModuleRegistry = SYNC_MODULES,
): Promise<{ queued: number; refused: number }> {
  const sender = boss ?? (await webBoss());
  let queued = 0;
  for (let start = 0; start < entries.length; start += ENQUEUE_BATCH) {
    const batch = entries
      .slice(start, start + ENQUEUE_BATCH)
      .map((entry) => ({ ...entry, module: registry.get(entry.module), runId: randomUUID(), jobId: randomUUID() }));
    const queuedAt = new Date();
    // One INSERT from arrays: createMany binds seven parameters a row, several times slower here.
    await db.$executeRaw`
      insert into "SyncRun" (id, "tenantId", module, trigger, status, "jobId", "queuedAt")
      select r.id, r."tenantId", r.module, ${trigger}::"RunTrigger", 'QUEUED'::"RunStatus", r."jobId", ${queuedAt}::timestamp
      from unnest(${batch.map((entry) => entry.runId)}::uuid[], ${batch.map((entry) => entry.tenantId)}::uuid[], ${batch.map((entry) => entry.module.id)}::text[],
                  ${batch.map((entry) => entry.jobId)}::text[]) as r(id, "tenantId", module, "jobId")`;
    await sender.insert(
      batch.map((entry) => {
        const payload: SyncJobPayload = { tenantId: entry.tenantId, module: entry.module.id, trigger, runId: entry.runId };
        return { id: entry.jobId, name: entry.module.queue, data: payload, singletonKey: singletonKeyFor(entry.tenantId, entry.module.id) };
      }),
    );
    // pg-boss's key is (queue name, id): both, so each lookup is one index probe.
    const inserted = await db.$queryRaw<{ id: string }[]>`
      select id::text from pgboss.job where name = any(${[...new Set(batch.map((entry) => entry.module.queue))]}::text[]) and id = any(${batch.map((entry) => entry.jobId)}::uuid[])`;
    const accepted = new Set(inserted.map((row) => row.id));
    const refused = batch.filter((entry) => !accepted.has(entry.jobId));
    if (refused.length) await db.syncRun.deleteMany({ where: { id: { in: refused.map((entry) => entry.runId) }, status: "QUEUED" } });
    await announceJobs(batch.filter((entry) => accepted.has(entry.jobId)).map((entry) => entry.module.queue));
    await moveNextRuns(
      batch.map((entry) => ({ tenantId: entry.tenantId, module: entry.module.id })),
      queuedAt,
    );
    queued += batch.length - refused.length;
  }
  return { queued, refused: entries.length - queued };
}
