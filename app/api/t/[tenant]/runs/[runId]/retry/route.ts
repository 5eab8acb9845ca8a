import { guardRoute } from "@/lib/auth/guard";
import { retryRun } from "@/lib/runs/retry-failed";

/** POST: retry every failed record of this run. */
export const POST = guardRoute<{ tenant: string; runId: string }>({ role: "ADMIN" }, (ctx, _request, params) => retryRun(ctx, params.runId));
