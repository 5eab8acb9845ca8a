/**
 * "Dry run" of a module: queued like a run (same queue, same one-at-a-time key, so it is throttled
 * alike), run by a worker, recorded in the runs list and the audit log. It reads and maps as a run
 * would and writes nothing (lib/sync/engine/write-recorder.ts).
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { enqueueSync } from "../sync/engine/enqueue-sync";
import type { ModuleId } from "../sync/modules";

export async function startDryRun(actor: AuditActor, module: ModuleId) {
  const result = await enqueueSync({ tenantId: actor.tenant.id, module, trigger: "MANUAL", dryRun: true });
  if (result.queued) await recordAudit(actor, "sync.dry-run", `module:${module}`, { runId: result.runId });
  return result;
}
