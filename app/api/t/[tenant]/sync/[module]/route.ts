import { guardRoute } from "@/lib/auth/guard";
import { runModuleNow } from "@/lib/runs/run-module-now";

/** POST: run a module now ("Run now" on the overview). */
export const POST = guardRoute<{ tenant: string; module: string }>({ role: "ADMIN" }, (ctx, _request, params) => runModuleNow(ctx, params.module));
