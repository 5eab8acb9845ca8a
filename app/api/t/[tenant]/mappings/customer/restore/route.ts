import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { restoreMappingVersion } from "@/lib/mappings/restore-mapping-version";
import { RestoreMappingInputSchema } from "@/lib/mappings/restore-mapping-version.schema";

/** POST { version }: make an earlier version of the customer mapping the newest again. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  restoreMappingVersion(ctx, "customer", await readJsonBody(request, RestoreMappingInputSchema, "restore request")),
);
