import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { requestTenantDeletion } from "@/lib/privacy/delete-tenant";
import { DeleteTenantSchema } from "@/lib/privacy/delete-tenant.schema";

/** POST { confirm: <slug> }: delete the tenant (secrets at once, the rest by a job). */
export const POST = guardRoute({ role: "OWNER" }, async (ctx, request) =>
  requestTenantDeletion(ctx, await readJsonBody(request, DeleteTenantSchema, "deletion request")),
);
