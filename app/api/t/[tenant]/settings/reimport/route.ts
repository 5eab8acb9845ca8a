import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { startReimport, StartReimportSchema } from "@/lib/settings/start-reimport";

/** POST { from, modules }: re-import products and/or customers changed since a date. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  startReimport(ctx, await readJsonBody(request, StartReimportSchema, "re-import request")),
);
