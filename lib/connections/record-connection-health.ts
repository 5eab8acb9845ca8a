/**
 * Every sync run is also a connection check: a run that reached both remotes marks both
 * connections OK; a run stopped by a remote refusing our credentials marks that connection
 * FAILING with the reason, so the overview turns red without anyone pressing "Test connection".
 */
import { db, Prisma, type ConnectionKind } from "../db";
import type { AppError } from "../errors";

const CREDENTIAL_ERRORS = new Set(["REMOTE_AUTH_FAILED", "REMOTE_FORBIDDEN"]);

function connectionKindOf(remote: unknown): ConnectionKind | undefined {
  if (typeof remote !== "string") return undefined;
  if (remote === "cscart") return "CSCART";
  if (remote.startsWith("visma")) return "VISMA";
  return undefined;
}

export async function recordConnectionHealth(tenantId: string, runError: AppError | undefined, now = new Date()): Promise<void> {
  if (!runError) {
    await db.connection.updateMany({
      where: { tenantId },
      data: { status: "OK", lastCheckedAt: now, lastError: null, lastErrorCode: null, lastErrorParams: Prisma.DbNull },
    });
    return;
  }
  const kind = connectionKindOf(runError.details?.remote);
  if (kind && CREDENTIAL_ERRORS.has(runError.code)) {
    await db.connection.updateMany({
      where: { tenantId, kind },
      data: {
        status: "FAILING",
        lastCheckedAt: now,
        lastError: runError.message,
        lastErrorCode: runError.code,
        lastErrorParams: runError.params ?? Prisma.DbNull,
      },
    });
  }
}
