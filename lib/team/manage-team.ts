/**
 * Team management (OWNER only, enforced by the guard): list, add by e-mail with a role, change a
 * role, remove. A tenant always keeps at least one OWNER: changes that would remove the last one
 * are refused, under a row lock so two owners demoting each other at once cannot both succeed.
 *
 * Adding someone never reveals whether the e-mail already has a login: both get a membership at
 * once and the same answer. A new person (or one who never set a password) is e-mailed a
 * single-use link to choose a password; someone with a login is e-mailed a notice, each in the
 * language docs/i18n.md ("E-mails") gives it. Removing someone ends their sessions.
 */
import { z } from "zod";
import { sendAddedEmail, sendInvitationEmail } from "../accounts/account-emails";
import { EmailSchema } from "../accounts/account-fields";
import { issueAccountToken } from "../accounts/account-tokens";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ROLES } from "../auth/roles";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import type { Locale } from "../i18n/locales";
import { emailLocale } from "../i18n/resolve-locale";
import { fieldDetails, parseOrThrow } from "../validation";

export const AddMemberInputSchema = z.object({
  email: EmailSchema,
  role: z.enum(ROLES, "choose a role: OWNER, ADMIN or VIEWER"),
});
export const ChangeRoleInputSchema = z.object({ role: z.enum(ROLES, "choose a role: OWNER, ADMIN or VIEWER") });

export async function listMembers(tenantId: string) {
  const memberships = await db.membership.findMany({
    where: { tenantId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return memberships.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt }));
}

/**
 * Adds a member and e-mails them (an invitation link, or a notice when they have a login already).
 * `browserLocale`: the language of the browser that asked, where we have it.
 */
export async function addMember(actor: AuditActor, input: unknown, context: { browserLocale?: Locale } = {}) {
  const parsed = parseOrThrow(AddMemberInputSchema, input, "new member");
  const { userId, email, role } = await inviteMember(
    actor.tenant,
    actor.user.name,
    parsed,
    (tx) => recordAudit(actor, "team.add", `user:${parsed.email}`, parsed, tx),
    context,
  );
  return { userId, email, role };
}

/**
 * The one way someone joins a tenant: the membership at once, then an e-mail — a single-use link to
 * choose a password (new e-mail, or one never accepted) or a notice (existing login). `audit`
 * records it in the membership's transaction. Used by the team page and the operator CLI
 * (`npm run tenant -- create`).
 */
export async function inviteMember(
  tenant: { id: string; name: string },
  invitedBy: string,
  { email, role }: z.output<typeof AddMemberInputSchema>,
  audit: (tx: Prisma.TransactionClient) => Promise<void>,
  context: { browserLocale?: Locale } = {},
) {
  // A login without a password yet belongs to someone invited before who has not accepted.
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: email.split("@")[0]! },
    update: {},
    select: { id: true, passwordHash: true, locale: true },
  });
  const membership = await db.$transaction(async (tx) => {
    const already = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } });
    if (already) {
      throw new AppError("VALIDATION_FAILED", `${email} is already on the team.`, {
        details: fieldDetails({ email: { message: "already on the team", code: "alreadyMember" } }),
        params: { variant: "alreadyMember", email },
      });
    }
    const created = await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role } });
    await audit(tx);
    return created;
  });
  const settings = await db.settings.findUnique({ where: { tenantId: tenant.id }, select: { emailLocale: true } });
  const locale = emailLocale({ userLocale: user.locale, browserLocale: context.browserLocale, tenantLocale: settings?.emailLocale });
  const about = { to: email, locale, tenantName: tenant.name, invitedBy, role };
  if (user.passwordHash) {
    await sendAddedEmail({ ...about, membershipId: membership.id });
    return { userId: user.id, email, role, invitation: null };
  }
  const invitation = await issueAccountToken(user.id, "INVITATION");
  await sendInvitationEmail({ ...about, tokenId: invitation.id, link: invitation.link });
  return { userId: user.id, email, role, invitation: { tokenId: invitation.id, link: invitation.link } };
}

async function lockedMembership(tx: Prisma.TransactionClient, tenantId: string, userId: string) {
  // Lock the tenant's memberships so the owner count below stays true until commit.
  await tx.$queryRaw`select id from "Membership" where "tenantId" = ${tenantId}::uuid for update`;
  const membership = z.uuid().safeParse(userId).success
    ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, include: { user: { select: { email: true } } } })
    : null;
  if (!membership) throw new AppError("NOT_FOUND", "This person is not on the team.", { params: { variant: "member" } });
  return membership;
}

async function assertAnotherOwner(tx: Prisma.TransactionClient, tenantId: string, what: "demote" | "remove") {
  const owners = await tx.membership.count({ where: { tenantId, role: "OWNER" } });
  if (owners <= 1) {
    throw new AppError("VALIDATION_FAILED", `You cannot ${what} the last owner: make someone else an owner first.`, {
      params: { variant: what === "demote" ? "lastOwnerDemote" : "lastOwnerRemove" },
    });
  }
}

export async function changeMemberRole(actor: AuditActor, userId: string, input: unknown) {
  const { role } = parseOrThrow(ChangeRoleInputSchema, input, "role change");
  return db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, actor.tenant.id, userId);
    if (membership.role === role) return { userId, role };
    if (membership.role === "OWNER") await assertAnotherOwner(tx, actor.tenant.id, "demote");
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(actor, "team.role", `user:${membership.user.email}`, { from: membership.role, to: role }, tx);
    return { userId, role };
  });
}

export async function removeMember(actor: AuditActor, userId: string) {
  return db.$transaction(async (tx) => {
    const membership = await lockedMembership(tx, actor.tenant.id, userId);
    if (membership.role === "OWNER") await assertAnotherOwner(tx, actor.tenant.id, "remove");
    await tx.membership.delete({ where: { id: membership.id } });
    // Their open sessions end now, not when the token expires (lib/auth/options.ts).
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(actor, "team.remove", `user:${membership.user.email}`, { role: membership.role }, tx);
    return { removed: true };
  });
}
