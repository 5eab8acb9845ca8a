import { guardRoute, readRouteParam } from "@/lib/auth/guard";
import { runModuleNow } from "@/lib/runs/run-module-now";
import { SYNC_MODULES } from "@/lib/sync/modules";

/** POST: run a module now ("Run now" on the overview); the path names it by its slug. */
export const POST = guardRoute<{ tenant: string; module: string }>({ role: "ADMIN" }, (ctx, _request, params) =>
  runModuleNow(ctx, readRouteParam(params.module, SYNC_MODULES.slugSchema, "sync module", { variant: "module", module: params.module })),
);
