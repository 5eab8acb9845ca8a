/**
 * Who hears about a tenant's alerts (and failed orders): its owners and admins, plus the addresses
 * on its alert list (Settings.failureEmailRecipients), less every member who muted alerts for
 * themselves. Each address once, lower-cased.
 */
import { db } from "../db";

/** `locale`: the language the member chose in the dashboard (null: none, or not a member). */
export type AlertRecipient = { email: string; userId: string | null; locale: string | null };

export async function alertRecipients(tenantId: string): Promise<AlertRecipient[]> {
  const [members, settings] = await Promise.all([
    db.membership.findMany({ where: { tenantId }, select: { role: true, alertsMuted: true, user: { select: { id: true, email: true, locale: true } } } }),
    db.settings.findUnique({ where: { tenantId }, select: { failureEmailRecipients: true } }),
  ]);
  const muted = new Set(members.filter((member) => member.alertsMuted).map((member) => member.user.email.toLowerCase()));
  const recipients = new Map<string, AlertRecipient>();
  for (const member of members) {
    const email = member.user.email.toLowerCase();
    if (member.role !== "VIEWER" && !muted.has(email)) recipients.set(email, { email, userId: member.user.id, locale: member.user.locale });
  }
  for (const address of settings?.failureEmailRecipients ?? []) {
    const email = address.toLowerCase();
    if (muted.has(email) || recipients.has(email)) continue;
    const member = members.find((candidate) => candidate.user.email.toLowerCase() === email);
    recipients.set(email, { email, userId: member?.user.id ?? null, locale: member?.user.locale ?? null });
  }
  return [...recipients.values()];
}
