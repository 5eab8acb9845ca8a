/** "Run now" on the overview: queue one module for this tenant, and audit who asked. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { AppError } from "../errors";
import { moduleFromSlug } from "../labels";
import { enqueueSync } from "../sync/engine/enqueue-sync";

export async function runModuleNow(actor: AuditActor, moduleSlug: string) {
  const module = moduleFromSlug(moduleSlug);
  if (!module) throw new AppError("NOT_FOUND", `There is no sync module called "${moduleSlug}".`, { params: { variant: "module", module: moduleSlug } });
  const result = await enqueueSync({ tenantId: actor.tenant.id, module, trigger: "MANUAL" });
  if (result.queued) await recordAudit(actor, "sync.run", `module:${module}`, { runId: result.runId });
  return result;
}
