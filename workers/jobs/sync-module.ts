/**
 * The sync job: one handler for every module. Name: the module's queue. Payload: zod-checked
 * against the registered modules. Singleton key: "<tenantId>:<module>" (set when enqueued).
 */
import type PgBoss from "pg-boss";
import { AppError } from "@/lib/errors";
import { syncJobPayloadSchema } from "@/lib/jobs/queues";
import { addLogContext, logger } from "@/lib/logger";
import type { ModuleRegistry } from "@/lib/sync/engine/module-registry";
import { runSyncModule } from "@/lib/sync/engine/run-sync-module";
import { SYNC_MODULES } from "@/lib/sync/modules";
import { parseOrThrow } from "@/lib/validation";

export async function handleSyncJob(job: Pick<PgBoss.Job<unknown>, "id" | "name" | "data">, registry: ModuleRegistry = SYNC_MODULES): Promise<unknown> {
  try {
    const payload = parseOrThrow(syncJobPayloadSchema(registry.idSchema), job.data, `job payload of ${job.name}`, "JOB_PAYLOAD_INVALID");
    addLogContext({ tenantId: payload.tenantId });
    return await runSyncModule({ ...payload, jobId: job.id }, registry);
  } catch (error) {
    // A bad payload or configuration cannot get better by retrying: complete the job, keep the
    // error on the run record. Transient errors are rethrown so pg-boss retries with backoff.
    if (error instanceof AppError && !error.retryable) {
      logger().error({ code: error.code }, `job not run: ${error.message}`);
      return { failed: error.toJSON() };
    }
    throw error;
  }
}
