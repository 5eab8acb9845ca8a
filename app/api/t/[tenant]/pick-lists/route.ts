import { guardRoute } from "@/lib/auth/guard";
import { getPickLists } from "@/lib/pick-lists/get-pick-lists";

/** GET: the pick-lists read from the tenant's remotes at the last refresh. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => getPickLists(ctx.tenant.id));
