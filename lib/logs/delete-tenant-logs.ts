/**
 * "Delete all logs": removes every log-like row of one tenant, not only the run log — run and
 * ledger error texts, its outbox, audit details, ended alerts (lib/privacy/purge-personal-data.ts,
 * docs/privacy.md) — then audits that it happened, with the counts.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { purgeAllLogsOf } from "../privacy/purge-personal-data";

export async function deleteTenantLogs(actor: AuditActor): Promise<{ deleted: number; removed: Record<string, number> }> {
  const removed = await purgeAllLogsOf(actor.tenant.id);
  await recordAudit(actor, "logs.delete", "logs", { deleted: removed.logEntries, removed });
  return { deleted: removed.logEntries!, removed };
}
