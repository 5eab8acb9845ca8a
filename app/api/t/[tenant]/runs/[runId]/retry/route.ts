import { guardRoute, readRouteParam } from "@/lib/auth/guard";
import { retryRun } from "@/lib/runs/retry-failed";
import { RunIdSchema } from "@/lib/runs/retry-items.schema";

/** POST: retry every failed record of this run. */
export const POST = guardRoute<{ tenant: string; runId: string }>({ role: "ADMIN" }, (ctx, _request, params) =>
  retryRun(ctx, readRouteParam(params.runId, RunIdSchema, "run", { variant: "run" })),
);
