/**
 * "Test connection": builds the client from the stored settings and secret, makes one cheap call
 * with a short timeout, and records the outcome on the Connection row (OK, or FAILING with the
 * reason in plain words, with its code and params for translation) so the overview shows it too.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, Prisma } from "../db";
import { toAppError } from "../errors";
import type { ConnectionTestResult } from "../integrations/connection-test";
import type { ConnectionKindName } from "./get-connections";
import { loadCscartClient, loadVismaClient } from "./load-connectors";

/** The web process may call a remote only here, and never for long. */
const TEST_TIMEOUT_MS = 10_000;

async function runTest(tenantId: string, kind: ConnectionKindName): Promise<ConnectionTestResult> {
  try {
    const options = { timeoutMs: TEST_TIMEOUT_MS };
    const client = kind === "CSCART" ? await loadCscartClient(tenantId, options) : await loadVismaClient(tenantId, options);
    return await client.testConnection();
  } catch (error) {
    const { code, message, params } = toAppError(error);
    return { ok: false, code, message, params };
  }
}

export async function testConnection(actor: AuditActor, kind: ConnectionKindName) {
  const result = await runTest(actor.tenant.id, kind);
  const checkedAt = new Date();
  const status = result.ok ? ("OK" as const) : ("FAILING" as const);
  await db.$transaction(async (tx) => {
    await tx.connection.updateMany({
      where: { tenantId: actor.tenant.id, kind },
      data: {
        status,
        lastCheckedAt: checkedAt,
        lastError: result.ok ? null : result.message,
        lastErrorCode: result.ok ? null : result.code,
        lastErrorParams: !result.ok && result.params ? result.params : Prisma.DbNull,
      },
    });
    await recordAudit(actor, "connection.test", `connection:${kind}`, { status }, tx);
  });
  return { kind, status, message: result.message, code: result.ok ? null : result.code, params: result.params ?? null, lastCheckedAt: checkedAt };
}
