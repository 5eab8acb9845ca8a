import { guardRoute, readSearchParams } from "@/lib/auth/guard";
import { listRuns, RunsQuerySchema } from "@/lib/runs/list-runs";

/** GET ?module&status&trigger&from&to&cursor: runs, newest first. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx, request) => listRuns(ctx.tenant.id, readSearchParams(request, RunsQuerySchema)));
