/**
 * "Test connection": builds the client from the stored settings and secret, makes one cheap call
 * with a short timeout, and records the outcome on the Connection row (OK, or FAILING with the
 * reason in plain words) so the overview shows it too.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { toAppError } from "../errors";
import type { ConnectionKindName } from "./get-connections";
import { INTERACTIVE_LIMITS, loadCscartClient, loadVismaClient } from "./load-connectors";


async function runTest(tenantId: string, kind: ConnectionKindName): Promise<{ ok: boolean; message: string }> {
  try {
    const client = kind === "CSCART" ? await loadCscartClient(tenantId, INTERACTIVE_LIMITS) : await loadVismaClient(tenantId, INTERACTIVE_LIMITS);
    return await client.testConnection();
  } catch (error) {
    return { ok: false, message: toAppError(error).message };
  }
}

export async function testConnection(actor: AuditActor, kind: ConnectionKindName) {
  const result = await runTest(actor.tenant.id, kind);
  const checkedAt = new Date();
  const status = result.ok ? ("OK" as const) : ("FAILING" as const);
  await db.$transaction(async (tx) => {
    await tx.connection.updateMany({
      where: { tenantId: actor.tenant.id, kind },
      data: { status, lastCheckedAt: checkedAt, lastError: result.ok ? null : result.message },
    });
    await recordAudit(actor, "connection.test", `connection:${kind}`, { status }, tx);
  });
  return { kind, status, message: result.message, lastCheckedAt: checkedAt };
}
