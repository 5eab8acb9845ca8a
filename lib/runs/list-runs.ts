/**
 * Sync runs of a tenant (dry runs among them, marked), newest first, filtered and paged by keyset;
 * and how many records wait for a fix (count-waiting-records.ts).
 */
import { z } from "zod";
import { db, RunStatus, RunTrigger } from "../db";
import { afterCursor, CursorSchema, optionalFilter, FromDateSchema, ToDateSchema, encodeCursor, pageOf } from "../paging/keyset";
import { SYNC_MODULES } from "../sync/modules";
import { countWaitingRecords } from "./count-waiting-records";

export const RunsQuerySchema = z.object({
  module: optionalFilter(SYNC_MODULES.idSchema),
  status: optionalFilter(z.enum(RunStatus)),
  trigger: optionalFilter(z.enum(RunTrigger)),
  from: FromDateSchema,
  to: ToDateSchema,
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type RunsQuery = z.infer<typeof RunsQuerySchema>;

export async function listRuns(tenantId: string, query: RunsQuery) {
  const [rows, waiting] = await Promise.all([
    db.syncRun.findMany({
      where: {
        tenantId,
        ...(query.module ? { module: query.module } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.trigger ? { trigger: query.trigger } : {}),
        ...(query.from || query.to ? { queuedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
        ...afterCursor("queuedAt", query.cursor, (id) => id),
      },
      orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      // A dry run's findings are for its own page, not the list.
      omit: { dryRunResult: true },
    }),
    countWaitingRecords(tenantId),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => encodeCursor(row.queuedAt, row.id));
  return { runs: page, nextCursor, active: page.some((run) => run.status === "QUEUED" || run.status === "RUNNING"), waiting };
}
