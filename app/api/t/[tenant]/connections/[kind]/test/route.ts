import { guardRoute } from "@/lib/auth/guard";
import { connectionKindFromSlug } from "@/lib/connections/save-connection";
import { testConnection } from "@/lib/connections/test-connection";

/** POST: check the stored credentials and reachability; records the status. */
export const POST = guardRoute<{ tenant: string; kind: string }>({ role: "ADMIN" }, (ctx, _request, params) =>
  testConnection(ctx, connectionKindFromSlug(params.kind)),
);
