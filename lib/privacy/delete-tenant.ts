/**
 * Deleting a tenant (OWNER), in two steps:
 *
 *  1. At once, in one transaction (requestTenantDeletion): the connections' secrets and addresses
 *     and the webhook are wiped, every membership ends (so nobody reaches the tenant any more),
 *     members' accounts that belong to no other tenant are removed, and the deletion is recorded in
 *     TenantDeletion — outside the tenant, since its own audit trail goes with it. Waiting sync
 *     jobs are cancelled and a delete-tenant job is queued.
 *  2. The job (removeTenantData) removes everything else in batches (the big tables first, then the
 *     tenant row, whose cascade takes the rest) and notes what it removed on the record. It is
 *     idempotent: a job that dies half-way is retried and carries on.
 *
 * A sync job of the tenant that is running at that moment finds no secret and stops; what it may
 * still write goes with the tenant row.
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { webBoss } from "../jobs/boss";
import { DELETE_TENANT_QUEUE } from "../jobs/queues";
import { cancelWaitingJobs } from "../jobs/waiting-job";
import { fieldDetails } from "../validation";
import type { DeleteTenantInput } from "./delete-tenant.schema";

const BATCH = 10_000;

export const DeleteTenantJobSchema = z.object({ tenantId: z.uuid(), deletionId: z.uuid() });
export type DeleteTenantJob = z.output<typeof DeleteTenantJobSchema>;

export async function requestTenantDeletion(actor: AuditActor, input: DeleteTenantInput, boss?: PgBoss): Promise<{ deleted: true; accountsRemoved: number }> {
  const tenantId = actor.tenant.id;
  if (input.confirm !== actor.tenant.slug) {
    throw new AppError("VALIDATION_FAILED", `To delete this shop, type its name "${actor.tenant.slug}" exactly.`, {
      details: fieldDetails({ confirm: { message: `type "${actor.tenant.slug}"`, code: "confirmName", params: { name: actor.tenant.slug } } }),
      params: { variant: "confirmDeletion", name: actor.tenant.slug },
    });
  }
  const { deletion, accountsRemoved } = await db.$transaction(async (tx) => {
    // Taken first, so two owners deleting at once do it once.
    const marked = await tx.tenant.updateMany({ where: { id: tenantId, deletionRequestedAt: null }, data: { deletionRequestedAt: new Date() } });
    if (marked.count !== 1) throw new AppError("NOT_FOUND", "This shop is already being deleted.", { params: { variant: "deleting" } });
    await tx.connection.updateMany({ where: { tenantId }, data: { encryptedSecret: null, config: {}, status: "UNTESTED", lastError: null } });
    await tx.settings.updateMany({ where: { tenantId }, data: { webhookUrl: null, webhookSecret: null, failureEmailRecipients: [] } });
    const members = await tx.membership.findMany({ where: { tenantId }, select: { userId: true } });
    await tx.membership.deleteMany({ where: { tenantId } });
    const { count } = await tx.user.deleteMany({ where: { id: { in: members.map((member) => member.userId) }, memberships: { none: {} } } });
    const record = await tx.tenantDeletion.create({
      data: { tenantId, tenantSlug: actor.tenant.slug, requestedBy: actor.user.id, requestedByEmail: actor.user.email },
    });
    return { deletion: record, accountsRemoved: count };
  });
  await cancelWaitingJobs(`${tenantId}:`);
  const job: DeleteTenantJob = { tenantId, deletionId: deletion.id };
  await (boss ?? (await webBoss())).send(DELETE_TENANT_QUEUE, job);
  return { deleted: true, accountsRemoved };
}

/** The tables that can hold many rows of one tenant, emptied in batches before the tenant row goes. */
const BIG_TABLES = ["LogEntry", "SyncItem", "SyncRun", "OutboundEmail", "AuditEvent", "VismaCustomerIndex", "AlertCondition"] as const;

export async function removeTenantData(job: DeleteTenantJob): Promise<Record<string, number>> {
  const tenant = await db.tenant.findUnique({ where: { id: job.tenantId }, select: { deletionRequestedAt: true } });
  const removed: Record<string, number> = {};
  if (tenant) {
    if (!tenant.deletionRequestedAt) throw new AppError("JOB_PAYLOAD_INVALID", "This tenant was not asked to be deleted.");
    for (const table of BIG_TABLES) {
      removed[table] = 0;
      for (;;) {
        // The table name comes from the constant list above, never from input.
        const count = await db.$executeRawUnsafe(
          `delete from "${table}" where ctid in (select ctid from "${table}" where "tenantId" = $1::uuid limit ${BATCH})`,
          job.tenantId,
        );
        removed[table] += count;
        if (count < BATCH) break;
      }
    }
    // The rest (settings, connections, mappings, cursors) is small and goes with the tenant row.
    await db.tenant.delete({ where: { id: job.tenantId } });
  }
  await db.tenantDeletion.updateMany({ where: { id: job.deletionId, completedAt: null }, data: { completedAt: new Date(), removed } });
  return removed;
}
