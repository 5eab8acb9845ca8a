/**
 * Queue names and options, shared by the web (which only enqueues) and the workers (which run).
 * Sync queues use pg-boss's "stately" policy with singletonKey "<tenantId>:<module>": at most one
 * queued and one active job per tenant module, so a module never runs twice at once.
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { SYNC_MODULES, type SyncModuleName } from "../settings/defaults";

export const SYNC_QUEUE: Record<SyncModuleName, string> = {
  ORDER_EXPORT: "sync-order-export",
  PRODUCT_IMPORT: "sync-product-import",
  CUSTOMER_IMPORT: "sync-customer-import",
  STOCK_SYNC: "sync-stock",
};

export const SCHEDULE_TICK_QUEUE = "schedule-tick";
export const PURGE_LOGS_QUEUE = "purge-logs";

export const TRIGGERS = ["SCHEDULE", "MANUAL", "REIMPORT", "RETRY", "CLI"] as const;

export const SyncJobPayloadSchema = z.object({
  tenantId: z.uuid("tenantId must be a UUID"),
  module: z.enum(SYNC_MODULES),
  trigger: z.enum(TRIGGERS),
  /** The SyncRun row created when the job was enqueued (so the dashboard shows it as queued). */
  runId: z.uuid().optional(),
  /** RETRY only: the ledger rows to retry. */
  itemIds: z.array(z.uuid()).max(10_000).optional(),
});
export type SyncJobPayload = z.infer<typeof SyncJobPayloadSchema>;

/** How long a sync job may stay active before pg-boss assumes its worker died and retries it. */
export function syncJobExpireSeconds(): number {
  return Number(process.env.SYNC_JOB_EXPIRE_SECONDS ?? 15 * 60);
}

export function syncQueueOptions(): Omit<PgBoss.Queue, "name"> {
  return {
    policy: "stately",
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: syncJobExpireSeconds(),
  };
}

export function singletonKeyFor(tenantId: string, module: SyncModuleName): string {
  return `${tenantId}:${module}`;
}
