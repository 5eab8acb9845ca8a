/** "Run now" on the overview: queue one module for this tenant, and audit who asked. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { AppError } from "../errors";
import { enqueueSync } from "../sync/engine/enqueue-sync";
import { SYNC_MODULES } from "../sync/modules";

export async function runModuleNow(actor: AuditActor, moduleSlug: string) {
  const module = SYNC_MODULES.bySlug(moduleSlug);
  if (!module) throw new AppError("NOT_FOUND", `There is no sync module called "${moduleSlug}".`);
  const result = await enqueueSync({ tenantId: actor.tenant.id, module: module.id, trigger: "MANUAL" });
  if (result.queued) await recordAudit(actor, "sync.run", `module:${module.id}`, { runId: result.runId });
  return result;
}
