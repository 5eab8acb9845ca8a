/**
 * Writes one audit event: who (the guard's context), did what (action), to what (target), with
 * which change (detail). Callers never put secrets in detail: say "secret changed", not its value.
 * Pass the transaction client so the change and its audit row commit together.
 */
import { db, type Prisma } from "../db";
import type { TenantContext } from "../auth/tenant-access";

export type AuditActor = Pick<TenantContext, "tenant" | "user">;

export type AuditAction =
  | "settings.update"
  | "settings.reimport"
  | "settings.order-start"
  | "settings.module-switch"
  | "pick-lists.refresh"
  | "tenant.create"
  | "mapping.save"
  | "mapping.restore"
  | "connection.save"
  | "connection.test"
  | "sync.run"
  | "sync.retry"
  | "sync.dry-run"
  | "logs.delete"
  | "team.add"
  | "team.role"
  | "team.remove";

export async function recordAudit(
  actor: AuditActor,
  action: AuditAction,
  target: string,
  detail?: Record<string, unknown>,
  client: Prisma.TransactionClient = db,
): Promise<void> {
  await writeAuditEvent(client, { tenantId: actor.tenant.id, userId: actor.user.id, userEmail: actor.user.email }, action, target, detail);
}

/** An audit event of the operator's command line (no logged-in user): shown as "operator". */
export async function recordOperatorAudit(
  tenantId: string,
  action: AuditAction,
  target: string,
  detail?: Record<string, unknown>,
  client: Prisma.TransactionClient = db,
): Promise<void> {
  await writeAuditEvent(client, { tenantId, userId: null, userEmail: "operator" }, action, target, detail);
}

async function writeAuditEvent(
  client: Prisma.TransactionClient,
  by: { tenantId: string; userId: string | null; userEmail: string },
  action: AuditAction,
  target: string,
  detail: Record<string, unknown> | undefined,
): Promise<void> {
  await client.auditEvent.create({
    data: { ...by, action, target, detail: detail === undefined ? undefined : (JSON.parse(JSON.stringify(detail)) as Prisma.InputJsonValue) },
  });
}

/** Field-by-field difference of two flat-ish objects, for audit details ("what changed"). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
