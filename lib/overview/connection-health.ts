/** Each connection's status badge data: set up or not, last check, last error in plain words (with its code and params, for translation). */
import { ConnectionKind, db } from "../db";
import { asErrorParams } from "../i18n/translate-error";

export async function getConnectionHealth(tenantId: string) {
  const rows = await db.connection.findMany({
    where: { tenantId },
    select: { kind: true, status: true, lastCheckedAt: true, lastError: true, lastErrorCode: true, lastErrorParams: true, encryptedSecret: true },
  });
  return Object.values(ConnectionKind).map((kind) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    return {
      kind,
      configured: Boolean(row?.encryptedSecret),
      status: row?.encryptedSecret ? row.status : ("UNTESTED" as const),
      lastCheckedAt: row?.lastCheckedAt ?? null,
      lastError: row?.lastError ?? null,
      lastErrorCode: row?.lastErrorCode ?? null,
      lastErrorParams: asErrorParams(row?.lastErrorParams) ?? null,
    };
  });
}
