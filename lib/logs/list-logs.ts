/**
 * Log search for the dashboard: filters by level (that level and worse), module, date range and
 * message text, newest first, one keyset page at a time. With the retention in force, so the page
 * can say how long entries live.
 */
import { z } from "zod";
import { db, LogLevel, type Prisma } from "../db";
import { afterCursor, CursorSchema, optionalFilter, FromDateSchema, ToDateSchema, encodeCursor, pageOf } from "../paging/keyset";
import { SYNC_MODULES } from "../sync/modules";

/** Least to most severe, as declared in the schema. */
const LOG_LEVELS = Object.values(LogLevel);

export const LogsQuerySchema = z.object({
  level: optionalFilter(z.enum(LogLevel)),
  module: optionalFilter(SYNC_MODULES.idSchema),
  runId: optionalFilter(z.uuid("not a run id")),
  q: z.string().trim().max(200, "search at most 200 characters").optional(),
  from: FromDateSchema,
  to: ToDateSchema,
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LogsQuery = z.infer<typeof LogsQuerySchema>;

function levelsAtLeast(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(level));
}

export async function listLogs(tenantId: string, query: LogsQuery) {
  const where: Prisma.LogEntryWhereInput = {
    tenantId,
    ...(query.level ? { level: { in: levelsAtLeast(query.level) } } : {}),
    ...(query.module ? { module: query.module } : {}),
    ...(query.runId ? { runId: query.runId } : {}),
    ...(query.q ? { message: { contains: query.q, mode: "insensitive" } } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
    ...(afterCursor("createdAt", query.cursor, (id) => BigInt(id)) as Prisma.LogEntryWhereInput),
  };
  const [rows, settings] = await Promise.all([
    db.logEntry.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 }),
    db.settings.findUnique({ where: { tenantId }, select: { logRetentionDays: true, storeLogs: true } }),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => encodeCursor(row.createdAt, row.id));
  return {
    entries: page.map((row) => ({ ...row, id: row.id.toString() })),
    nextCursor,
    retention: { days: settings?.logRetentionDays ?? 30, storeLogs: settings?.storeLogs ?? true },
  };
}
