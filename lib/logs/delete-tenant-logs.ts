/** "Delete all logs": removes every log entry of one tenant, in batches so no lock is held long. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";

const BATCH = 10_000;

export async function deleteTenantLogs(actor: AuditActor): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw`
      delete from "LogEntry" where id in (select id from "LogEntry" where "tenantId" = ${actor.tenant.id}::uuid limit ${BATCH})`;
    deleted += count;
    if (count < BATCH) break;
  }
  await recordAudit(actor, "logs.delete", "logs", { deleted });
  return { deleted };
}
