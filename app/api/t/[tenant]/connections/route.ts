import { guardRoute } from "@/lib/auth/guard";
import { getConnections } from "@/lib/connections/get-connections";

/** GET: both connections' settings and status; secrets only as "set" or "not set". */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => getConnections(ctx.tenant.id));
