/** E-mails the tenant's syncs sent (or kept, without SMTP), newest first, keyset-paged. */
import { z } from "zod";
import { db, EmailStatus } from "../db";
import { afterCursor, CursorSchema, optionalFilter, encodeCursor, pageOf } from "../paging/keyset";

export const OutboxQuerySchema = z.object({
  status: optionalFilter(z.enum(EmailStatus)),
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type OutboxQuery = z.infer<typeof OutboxQuerySchema>;

export async function listEmails(tenantId: string, query: OutboxQuery) {
  const rows = await db.outboundEmail.findMany({
    where: { tenantId, ...(query.status ? { status: query.status } : {}), ...afterCursor("createdAt", query.cursor, (id) => id) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (row) => encodeCursor(row.createdAt, row.id));
  return { emails: page, nextCursor };
}
