/**
 * The sync job: one handler for every module. Name: the module's queue. Payload: zod-checked
 * against the registered modules. Singleton key: "<tenantId>:<module>" (set when enqueued).
 *
 * A run that a remote's rate limit stopped (or kept from starting) does not hold the worker slot
 * until the limit ends: the job completes and the module's next job is sent for that time, with the
 * same singleton key and the same payload (a re-import keeps its date, a retry its records).
 */
import type PgBoss from "pg-boss";
import { syncJobPayloadSchema, type SyncJobPayload } from "@/lib/jobs/queues";
import { addLogContext, logger } from "@/lib/logger";
import { enqueueSync, sendSyncJob } from "@/lib/sync/engine/enqueue-sync";
import type { ModuleRegistry } from "@/lib/sync/engine/module-registry";
import { runSyncModule, type RunSummary } from "@/lib/sync/engine/run-sync-module";
import { SYNC_MODULES } from "@/lib/sync/modules";
import { parseOrThrow } from "@/lib/validation";
import { completeUnlessTransient } from "./complete-unless-transient";

export async function handleSyncJob(
  job: Pick<PgBoss.Job<unknown>, "id" | "name" | "data">,
  registry: ModuleRegistry = SYNC_MODULES,
  boss?: PgBoss,
): Promise<unknown> {
  // A bad payload or configuration error completes the job (the run record keeps the error).
  return completeUnlessTransient("job", async () => {
    const payload = parseOrThrow(syncJobPayloadSchema(registry.idSchema), job.data, `job payload of ${job.name}`, "JOB_PAYLOAD_INVALID");
    addLogContext({ tenantId: payload.tenantId });
    const summary = await runSyncModule({ ...payload, jobId: job.id }, registry);
    if (summary.rateLimitedUntil) await comeBackAt(summary, payload, registry, boss);
    return summary;
  });
}

/** Sends the module's next job for the time the rate limit ends. */
async function comeBackAt(summary: RunSummary, payload: SyncJobPayload, registry: ModuleRegistry, boss: PgBoss | undefined): Promise<void> {
  const until = summary.rateLimitedUntil!;
  const { runId: _runId, ...work } = payload;
  if (summary.status === "QUEUED") {
    // It never started: the same run waits.
    await sendSyncJob({ ...work, runId: summary.runId }, boss, registry, until);
  } else {
    await enqueueSync(work, boss, registry, { startAfter: until });
  }
  logger().info({ module: payload.module, until: until.toISOString() }, "rate-limited: the module runs again then");
}
