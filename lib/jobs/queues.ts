/**
 * Queue names and options, shared by the web (which only enqueues) and the workers (which run).
 * Each sync module has its own queue (named in its definition) with pg-boss's "stately" policy and
 * singletonKey "<tenantId>:<module>": at most one queued and one active job per tenant module, so
 * a module never runs twice at once.
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { RunTrigger } from "../db";
import { env } from "../env";
import type { AnySyncModule } from "../sync/engine/define-sync-module";

export const SCHEDULE_TICK_QUEUE = "schedule-tick";
export const PURGE_LOGS_QUEUE = "purge-logs";
/** Alerts (lib/alerts): the periodic evaluation, and one job per webhook delivery. */
export const EVALUATE_ALERTS_QUEUE = "evaluate-alerts";
export const ALERT_WEBHOOK_QUEUE = "alert-webhook";
/** Removes a deleted tenant's data (lib/privacy/delete-tenant.ts). */
export const DELETE_TENANT_QUEUE = "delete-tenant";

/** The queues besides the sync modules', with their pg-boss options. */
export const SERVICE_QUEUES: Record<string, Omit<PgBoss.Queue, "name">> = {
  // "short": a tick that is still queued absorbs the next one instead of piling up.
  [SCHEDULE_TICK_QUEUE]: { policy: "short", retryLimit: 2, expireInSeconds: 300 },
  [PURGE_LOGS_QUEUE]: { policy: "short", retryLimit: 2, expireInSeconds: 300 },
  // "singleton": one evaluation at a time (each is idempotent anyway, see evaluate-alerts.ts).
  [EVALUATE_ALERTS_QUEUE]: { policy: "singleton", retryLimit: 1, expireInSeconds: 300 },
  // 30 s, then doubling: about two hours of retries for a receiver that is down.
  [ALERT_WEBHOOK_QUEUE]: { policy: "standard", retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  [DELETE_TENANT_QUEUE]: { policy: "standard", retryLimit: 10, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600 },
};

/** A sync job's payload; `module` is checked against the registered modules. */
export function syncJobPayloadSchema<Id extends string>(moduleIdSchema: z.ZodType<Id>) {
  return z.object({
    tenantId: z.uuid("tenantId must be a UUID"),
    module: moduleIdSchema,
    trigger: z.enum(RunTrigger),
    /** The SyncRun row created when the job was enqueued (so the dashboard shows it as queued). */
    runId: z.uuid().optional(),
    /** RETRY only: the ledger rows to retry. */
    itemIds: z.array(z.uuid()).max(10_000).optional(),
    /**
     * REIMPORT only: write everything changed since this time. Carried in the job, never in a shared
     * cursor, so no other run can undo it (lib/sync/engine/request-reimport.ts).
     */
    reimportFrom: z.iso.datetime({ offset: true, error: "reimportFrom must be an ISO date-time" }).optional(),
    /** A dry run: reads and maps, writes nothing (lib/sync/engine/write-recorder.ts). Same queue and singleton key as a run. */
    dryRun: z.boolean().optional(),
  });
}
export type SyncJobPayload = {
  tenantId: string;
  module: string;
  trigger: RunTrigger;
  runId?: string;
  itemIds?: string[];
  reimportFrom?: string;
  dryRun?: boolean;
};

export function syncQueueOptions(module: AnySyncModule): Omit<PgBoss.Queue, "name"> {
  return {
    policy: "stately",
    retryLimit: module.retry.jobRetries,
    retryDelay: 30,
    retryBackoff: true,
    // How long a sync job may stay active before pg-boss assumes its worker died and retries it.
    expireInSeconds: env().SYNC_JOB_EXPIRE_SECONDS,
  };
}

export function singletonKeyFor(tenantId: string, module: string): string {
  return `${tenantId}:${module}`;
}
