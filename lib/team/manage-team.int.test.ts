import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { createTestTenant, createTestUser } from "../../testing/fixtures";
import { addMember, changeMemberRole, listMembers, removeMember } from "./manage-team";

async function ownerOf(label: string) {
  const fixture = await createTestTenant(label);
  return { ...fixture, actor: await resolveTenantAccess(fixture.users.OWNER.id, fixture.tenant.slug, "OWNER") };
}

describe("team management", () => {
  it("adds an existing login and a new e-mail alike, answering the same way", async () => {
    const { actor } = await ownerOf("team-add");
    const existing = await createTestUser("colleague");
    const added = await addMember(actor, { email: existing.email.toUpperCase(), role: "ADMIN" });
    const fresh = await addMember(actor, { email: `new-${actor.tenant.slug}@test.apicenter.local`, role: "VIEWER" });
    expect(Object.keys(added).sort()).toEqual(Object.keys(fresh).sort());
    expect(added).toMatchObject({ email: existing.email, role: "ADMIN" });
    // The new login has no password until its owner chooses one from the e-mailed link.
    expect((await db.user.findUniqueOrThrow({ where: { email: fresh.email } })).passwordHash).toBeNull();

    await expect(addMember(actor, { email: existing.email, role: "VIEWER" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: { email: "already on the team" } },
    });
    expect((await listMembers(actor.tenant.id)).length).toBe(5);
    const audit = await db.auditEvent.findMany({ where: { tenantId: actor.tenant.id, action: "team.add" } });
    expect(audit.map((event) => event.detail)).toEqual([
      { email: existing.email, role: "ADMIN" },
      { email: fresh.email, role: "VIEWER" },
    ]);
  });

  it("ends the sessions of someone removed from the team", async () => {
    const { actor, users } = await ownerOf("team-remove");
    const before = await db.user.findUniqueOrThrow({ where: { id: users.VIEWER.id } });
    await removeMember(actor, users.VIEWER.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: users.VIEWER.id } })).sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("never removes or demotes the last owner, but does once there is another", async () => {
    const { actor, users } = await ownerOf("team-owner");
    await expect(changeMemberRole(actor, users.OWNER.id, { role: "ADMIN" })).rejects.toMatchObject({ message: expect.stringContaining("last owner") });
    await expect(removeMember(actor, users.OWNER.id)).rejects.toMatchObject({ message: expect.stringContaining("last owner") });

    await changeMemberRole(actor, users.ADMIN.id, { role: "OWNER" });
    await changeMemberRole(actor, users.OWNER.id, { role: "VIEWER" });
    const roles = Object.fromEntries((await listMembers(actor.tenant.id)).map((member) => [member.userId, member.role]));
    expect(roles[users.OWNER.id]).toBe("VIEWER");
    expect(roles[users.ADMIN.id]).toBe("OWNER");
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { actor, users } = await ownerOf("team-race");
    await changeMemberRole(actor, users.ADMIN.id, { role: "OWNER" });
    const other = await resolveTenantAccess(users.ADMIN.id, actor.tenant.slug, "OWNER");
    const results = await Promise.allSettled([
      changeMemberRole(actor, users.ADMIN.id, { role: "VIEWER" }),
      changeMemberRole(other, users.OWNER.id, { role: "VIEWER" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { tenantId: actor.tenant.id, role: "OWNER" } })).toBe(1);
  });

  it("answers NOT_FOUND for someone of another tenant", async () => {
    const { actor } = await ownerOf("team-a");
    const other = await createTestTenant("team-b");
    await expect(removeMember(actor, other.users.VIEWER.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(changeMemberRole(actor, "not-a-uuid", { role: "ADMIN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
