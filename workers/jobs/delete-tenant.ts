/** Removes a deleted tenant's data (lib/privacy/delete-tenant.ts). Name: delete-tenant. Payload: { tenantId, deletionId }, zod-checked. */
import type PgBoss from "pg-boss";
import { DeleteTenantJobSchema, removeTenantData } from "@/lib/privacy/delete-tenant";
import { parseOrThrow } from "@/lib/validation";
import { completeUnlessTransient } from "./complete-unless-transient";

export function handleDeleteTenantJob(job: Pick<PgBoss.Job<unknown>, "data">) {
  return completeUnlessTransient("delete-tenant job", () =>
    removeTenantData(parseOrThrow(DeleteTenantJobSchema, job.data, "delete-tenant job", "JOB_PAYLOAD_INVALID")),
  );
}
