import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { connectionKindFromSlug, saveConnection, SaveConnectionInputSchemas } from "@/lib/connections/save-connection";

/** PUT: save one connection's settings (and its secret, when one is typed). */
export const PUT = guardRoute<{ tenant: string; kind: string }>({ role: "ADMIN" }, async (ctx, request, params) => {
  const kind = connectionKindFromSlug(params.kind);
  return saveConnection(ctx, kind, await readJsonBody(request, SaveConnectionInputSchemas[kind], "connection settings"));
});
