/** "Run now" on the overview: queue one module for this tenant, and audit who asked. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { enqueueSync } from "../sync/engine/enqueue-sync";
import type { ModuleId } from "../sync/modules";

export async function runModuleNow(actor: AuditActor, module: ModuleId) {
  const result = await enqueueSync({ tenantId: actor.tenant.id, module, trigger: "MANUAL" });
  if (result.queued) await recordAudit(actor, "sync.run", `module:${module}`, { runId: result.runId });
  return result;
}
