/** A member mutes (or unmutes) this tenant's alert e-mails for themselves; nobody can do it for another. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import type { MuteAlertsInput } from "./mute-alerts.schema";

export async function setAlertsMuted(actor: AuditActor, { muted }: MuteAlertsInput): Promise<{ muted: boolean }> {
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { tenantId_userId: { tenantId: actor.tenant.id, userId: actor.user.id } }, data: { alertsMuted: muted } });
    await recordAudit(actor, "alerts.mute", `user:${actor.user.id}`, { muted }, tx);
  });
  return { muted };
}

export async function alertsMuted(tenantId: string, userId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { alertsMuted: true } });
  return membership?.alertsMuted ?? false;
}
