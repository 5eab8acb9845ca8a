import { guardRoute, readRouteParam, readSearchParams } from "@/lib/auth/guard";
import { getRun, RunItemsQuerySchema } from "@/lib/runs/get-run";
import { RunIdSchema } from "@/lib/runs/retry-items.schema";

/** GET ?state&cursor: one run and a page of its record outcomes. */
export const GET = guardRoute<{ tenant: string; runId: string }>({ role: "VIEWER" }, async (ctx, request, params) =>
  getRun(ctx.tenant.id, readRouteParam(params.runId, RunIdSchema, "run", { variant: "run" }), readSearchParams(request, RunItemsQuerySchema)),
);
