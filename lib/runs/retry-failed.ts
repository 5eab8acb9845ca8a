/** Retry one failed record, some, or all failed records of a run: the engine queues it; we audit it. */
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { retryFailedItems } from "../sync/engine/retry-items";
import { parseOrThrow } from "../validation";
import { RunIdSchema } from "./get-run";

export const RetryItemsInputSchema = z.object({
  itemIds: z.array(z.uuid("not a record id")).min(1, "choose at least one record").max(1000, "retry at most 1000 records at once"),
});

export async function retryItems(actor: AuditActor, input: unknown) {
  const { itemIds } = parseOrThrow(RetryItemsInputSchema, input, "retry request");
  const found = await db.syncItem.count({ where: { tenantId: actor.tenant.id, id: { in: itemIds } } });
  if (found !== new Set(itemIds).size) throw new AppError("NOT_FOUND", "Some of these records do not exist.", { params: { variant: "records" } });
  const result = await retryFailedItems(actor.tenant.id, { itemIds });
  await recordAudit(actor, "sync.retry", "items", { itemIds });
  return result;
}

export async function retryRun(actor: AuditActor, runId: string) {
  const run = RunIdSchema.safeParse(runId).success ? await db.syncRun.findFirst({ where: { id: runId, tenantId: actor.tenant.id } }) : null;
  if (!run) throw new AppError("NOT_FOUND", "There is no such run.", { params: { variant: "run" } });
  const result = await retryFailedItems(actor.tenant.id, { runId });
  await recordAudit(actor, "sync.retry", `run:${runId}`, { runId, module: run.module });
  return result;
}
