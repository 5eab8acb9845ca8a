import { guardRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { moduleFromSlug } from "@/lib/labels";
import { enqueueSync } from "@/lib/sync/engine/enqueue-sync";

/** POST: run a module now ("Run now" on the overview). */
export const POST = guardRoute<{ tenant: string; module: string }>({ role: "ADMIN" }, async (ctx, _request, params) => {
  const module = moduleFromSlug(params.module);
  if (!module) throw new AppError("NOT_FOUND", `There is no sync module called "${params.module}".`);
  return enqueueSync({ tenantId: ctx.tenant.id, module, trigger: "MANUAL" });
});
