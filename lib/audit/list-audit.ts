/** The tenant's audit trail, newest first, keyset-paged, optionally narrowed to one area. */
import { z } from "zod";
import { db } from "../db";
import { afterCursor, CursorSchema, optionalFilter, encodeCursor, pageOf } from "../paging/keyset";

export const AUDIT_AREAS = ["settings", "mapping", "connection", "sync", "logs", "team", "alerts", "tenant"] as const;

export const AuditQuerySchema = z.object({
  area: optionalFilter(z.enum(AUDIT_AREAS)),
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export async function listAuditEvents(tenantId: string, query: AuditQuery) {
  const rows = await db.auditEvent.findMany({
    where: {
      tenantId,
      ...(query.area ? { action: { startsWith: `${query.area}.` } } : {}),
      ...afterCursor("createdAt", query.cursor, (id) => BigInt(id)),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => encodeCursor(row.createdAt, row.id));
  return { events: page.map((row) => ({ ...row, id: row.id.toString() })), nextCursor };
}
