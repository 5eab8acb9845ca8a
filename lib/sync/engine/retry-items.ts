/**
 * "Retry" on the dashboard: failed ledger rows of one run, or chosen rows, are sent again by a
 * RETRY job of their module. Rows stay FAILED until that job handles them, so a retry that cannot
 * start changes nothing.
 */
import type PgBoss from "pg-boss";
import { db } from "../../db";
import { AppError } from "../../errors";
import { enqueueSync, type EnqueueResult } from "./enqueue-sync";

export async function retryFailedItems(tenantId: string, selection: { itemIds: string[] } | { runId: string }, boss?: PgBoss): Promise<EnqueueResult> {
  const rows = await db.syncItem.findMany({
    where: {
      tenantId,
      state: { in: ["FAILED", "PENDING"] },
      ...("itemIds" in selection ? { id: { in: selection.itemIds } } : { lastRunId: selection.runId }),
    },
    select: { id: true, module: true },
    take: 10_000,
  });
  if (!rows.length) throw new AppError("NOT_FOUND", "There are no failed records to retry here.", { params: { variant: "noFailedRecords" } });
  const modules = new Set(rows.map((row) => row.module));
  if (modules.size > 1) throw new AppError("VALIDATION_FAILED", "Retry records of one module at a time.", { params: { variant: "oneModule" } });
  return enqueueSync({ tenantId, module: rows[0]!.module, trigger: "RETRY", itemIds: rows.map((row) => row.id) }, boss);
}
