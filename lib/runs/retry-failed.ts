/** Retry one failed record, some, or all failed records of a run: the engine queues it; we audit it. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { retryFailedItems } from "../sync/engine/retry-items";
import type { RetryItemsInput } from "./retry-items.schema";

export async function retryItems(actor: AuditActor, { itemIds }: RetryItemsInput) {
  const found = await db.syncItem.count({ where: { tenantId: actor.tenant.id, id: { in: itemIds } } });
  if (found !== new Set(itemIds).size) throw new AppError("NOT_FOUND", "Some of these records do not exist.", { params: { variant: "records" } });
  const result = await retryFailedItems(actor.tenant.id, { itemIds });
  await recordAudit(actor, "sync.retry", "items", { itemIds });
  return result;
}

/** `runId` comes checked by the route (RunIdSchema). */
export async function retryRun(actor: AuditActor, runId: string) {
  const run = await db.syncRun.findFirst({ where: { id: runId, tenantId: actor.tenant.id } });
  if (!run) throw new AppError("NOT_FOUND", "There is no such run.", { params: { variant: "run" } });
  const result = await retryFailedItems(actor.tenant.id, { runId });
  await recordAudit(actor, "sync.retry", `run:${runId}`, { runId, module: run.module });
  return result;
}
