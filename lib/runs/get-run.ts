/**
 * One run with its record outcomes (the ledger rows it touched last), paged and filterable by
 * state. A dry run touched no ledger row: its findings (`dryRun`) come from the run itself.
 */
import { z } from "zod";
import { db, ItemState } from "../db";
import { AppError } from "../errors";
import { afterCursor, CursorSchema, optionalFilter, encodeCursor, pageOf } from "../paging/keyset";
import { DryRunResultSchema } from "../sync/engine/write-recorder";

export const RunItemsQuerySchema = z.object({
  state: optionalFilter(z.enum(ItemState)),
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunItemsQuery = z.infer<typeof RunItemsQuerySchema>;

export async function getRun(tenantId: string, runId: string, query: RunItemsQuery) {
  const found = await db.syncRun.findFirst({ where: { id: runId, tenantId } });
  if (!found) throw new AppError("NOT_FOUND", "There is no such run.", { params: { variant: "run" } });
  const { dryRunResult, ...run } = found;
  const dryRun = dryRunResult === null ? null : (DryRunResultSchema.safeParse(dryRunResult).data ?? null);
  const [rows, byState] = await Promise.all([
    db.syncItem.findMany({
      where: { tenantId, lastRunId: runId, ...(query.state ? { state: query.state } : {}), ...afterCursor("updatedAt", query.cursor, (id) => id) },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: {
        id: true,
        externalId: true,
        targetId: true,
        state: true,
        attempts: true,
        lastError: true,
        errorCode: true,
        errorKind: true,
        errorParams: true,
        waitingFor: true,
        meta: true,
        updatedAt: true,
      },
    }),
    db.syncItem.groupBy({ by: ["state"], where: { tenantId, lastRunId: runId }, _count: { _all: true } }),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => encodeCursor(row.updatedAt, row.id));
  return {
    run,
    dryRun,
    items: page,
    nextCursor,
    itemCounts: Object.fromEntries(byState.map((row) => [row.state, row._count._all])) as Partial<Record<ItemState, number>>,
  };
}
