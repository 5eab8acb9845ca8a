import { guardRoute } from "@/lib/auth/guard";
import { getOverview } from "@/lib/overview/get-overview";

/** GET: connection health, module status and progress, hourly throughput. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => getOverview(ctx.tenant.id));
