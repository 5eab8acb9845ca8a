import { guardRoute, readRouteParam } from "@/lib/auth/guard";
import { startDryRun } from "@/lib/runs/start-dry-run";
import { SYNC_MODULES } from "@/lib/sync/modules";

/** POST: queue a dry run of a module (reads and maps, writes nothing); the path names it by its slug. */
export const POST = guardRoute<{ tenant: string; module: string }>({ role: "ADMIN" }, (ctx, _request, params) =>
  startDryRun(ctx, readRouteParam(params.module, SYNC_MODULES.slugSchema, "sync module")),
);
