import { z } from "zod";
import { guardRoute, readRouteParam } from "@/lib/auth/guard";
import { refreshPickLists } from "@/lib/pick-lists/refresh-pick-lists";

const SourceSchema = z.enum(["cscart", "visma"]);

/** POST: read the lists of one remote again (cscart or visma) and keep them. */
export const POST = guardRoute<{ tenant: string; source: string }>({ role: "ADMIN" }, (ctx, _request, params) =>
  refreshPickLists(ctx, readRouteParam(params.source, SourceSchema, "pick-list source")),
);
