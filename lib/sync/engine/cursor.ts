/** Positions of a tenant's incremental streams (one per module, plus helper streams). */
import { db } from "../../db";

export type CursorStream = "ORDER_EXPORT" | "PRODUCT_IMPORT" | "CUSTOMER_IMPORT" | "STOCK_SYNC" | "VISMA_CUSTOMER_DIRECTORY";

export async function readCursor(tenantId: string, stream: CursorStream): Promise<string | null> {
  const row = await db.syncCursor.findUnique({ where: { tenantId_stream: { tenantId, stream } } });
  return row?.position ?? null;
}

export async function writeCursor(tenantId: string, stream: CursorStream, position: string | null): Promise<void> {
  await db.syncCursor.upsert({
    where: { tenantId_stream: { tenantId, stream } },
    create: { tenantId, stream, position },
    update: { position },
  });
}
