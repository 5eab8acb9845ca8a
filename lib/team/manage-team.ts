/**
 * Team management (OWNER only, enforced by the guard): list, add by e-mail with a role, change a
 * role, remove. A tenant always keeps at least one OWNER: changes that would remove the last one
 * are refused, under a row lock so two owners demoting each other at once cannot both succeed.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ROLES } from "../auth/roles";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { createUser } from "../tenants/create-user";
import { fieldDetails, parseOrThrow } from "../validation";

export const AddMemberInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("not a valid e-mail address")),
  name: z.string().trim().max(100, "at most 100 characters").optional(),
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

/** Adds a member. A new e-mail gets a login with a one-time password, shown to the owner once. */
export async function addMember(actor: AuditActor, input: unknown) {
  const { email, name, role } = parseOrThrow(AddMemberInputSchema, input, "new member");
  const existingUser = await db.user.findUnique({ where: { email } });
  const temporaryPassword = existingUser ? null : randomBytes(12).toString("base64url");
  const user = existingUser ?? (await createUser({ email, name: name || email.split("@")[0]!, password: temporaryPassword! }));
  const already = await db.membership.findUnique({ where: { tenantId_userId: { tenantId: actor.tenant.id, userId: user.id } } });
  if (already) {
    throw new AppError("VALIDATION_FAILED", `${email} is already on the team.`, {
      details: fieldDetails({ email: { message: "already on the team", code: "alreadyMember" } }),
      params: { variant: "alreadyMember", email },
    });
  }
  await db.$transaction(async (tx) => {
    await tx.membership.create({ data: { tenantId: actor.tenant.id, userId: user.id, role } });
    await recordAudit(actor, "team.add", `user:${email}`, { email, role, newLogin: !existingUser }, tx);
  });
  return { userId: user.id, email, role, temporaryPassword };
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
    await recordAudit(actor, "team.remove", `user:${membership.user.email}`, { role: membership.role }, tx);
    return { removed: true };
  });
}
