import { z } from "zod";
import { guardRoute, readJsonBody, readRouteParam } from "@/lib/auth/guard";
import { switchModule } from "@/lib/settings/switch-module";
import { SYNC_MODULES } from "@/lib/sync/modules";

const SwitchSchema = z.object({ enabled: z.boolean({ error: "say whether the module is on: true or false" }) });

/** PUT { enabled }: switch a module on (only when its switch-on checks hold) or off. */
export const PUT = guardRoute<{ tenant: string; module: string }>({ role: "ADMIN" }, async (ctx, request, params) => {
  const moduleId = readRouteParam(params.module, SYNC_MODULES.slugSchema, "sync module");
  const { enabled } = await readJsonBody(request, SwitchSchema, "module switch");
  return switchModule(ctx, moduleId, enabled);
});
