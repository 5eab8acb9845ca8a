/**
 * Accounts end to end at the domain level, with real SMTP: invitations, password reset and change,
 * read from the e-mails a local SMTP server received.
 */
import { afterAll, describe, expect, it } from "vitest";
import { authenticateUser } from "../auth/authenticate-user";
import { purgeLoginThrottles } from "../auth/login-throttle";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { startMailbox, setPasswordLinkIn, waitForMail } from "../devstack/mailbox";
import { env } from "../env";
import { listEmails } from "../outbox/list-emails";
import { addMember } from "../team/manage-team";
import { createTestTenant, createTestUser, TEST_PASSWORD, uniqueSuffix } from "../../testing/fixtures";
import { purgeSpentAccountTokens } from "./account-tokens";
import { changePassword } from "./change-password";
import { RESET_REQUESTED_MESSAGE, RESETS_PER_HOUR, requestPasswordReset } from "./request-password-reset";
import { setPasswordWithToken } from "./set-password-with-token";

// Before anything reads the environment (lib/env.ts caches it): e-mails go to this SMTP server.
const mailbox = await startMailbox();
process.env.SMTP_URL = mailbox.smtpUrl;
afterAll(() => mailbox.close());

const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, "");
const mailTo = (to: string, pattern: RegExp) => waitForMail(() => mailbox.messages(), to, pattern);
const NEW_PASSWORD = "a-new-password-42";

async function ownerOf(label: string) {
  const fixture = await createTestTenant(label);
  return { ...fixture, actor: await resolveTenantAccess(fixture.users.OWNER.id, fixture.tenant.slug, "OWNER") };
}

describe("accounts", () => {
  it("sends e-mail through SMTP in this test", () => {
    expect(env().SMTP_URL).toBe(mailbox.smtpUrl);
  });

  it("invites a new person: a single-use link by e-mail, never in the tenant's outbox, then they log in", async () => {
    const { actor, tenant } = await ownerOf("invite");
    const email = `invitee-${uniqueSuffix()}@test.apicenter.local`;
    await addMember(actor, { email, role: "ADMIN" });
    const mail = await mailTo(email, /invited you to/);
    expect(mail.subject).toBe(`You are invited to ${tenant.name} on APIcenter`);
    const link = setPasswordLinkIn(mail);
    expect(link).toContain("/set-password#token=");

    await expect(authenticateUser({ email, password: NEW_PASSWORD, address: undefined })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(setPasswordWithToken({ token: tokenOf(link), password: NEW_PASSWORD })).resolves.toMatchObject({ passwordSet: true, email });
    await expect(authenticateUser({ email, password: NEW_PASSWORD, address: undefined })).resolves.toMatchObject({ email });
    await expect(setPasswordWithToken({ token: tokenOf(link), password: "another-password-1" })).rejects.toMatchObject({
      details: { fields: { token: "used or expired" } },
    });

    const stored = await db.outboundEmail.findFirstOrThrow({ where: { recipients: { has: email } } });
    expect(stored).toMatchObject({ tenantId: null, status: "SENT" });
    expect((await listEmails(tenant.id, { limit: 100 })).emails).toHaveLength(0);
  });

  it("gives an existing login the membership and a notice, without a link", async () => {
    const { actor, tenant } = await ownerOf("notice");
    const colleague = await createTestUser("colleague");
    await addMember(actor, { email: colleague.email, role: "VIEWER" });
    const mail = await mailTo(colleague.email, /added you to/);
    expect(mail.subject).toBe(`You now have access to ${tenant.name} on APIcenter`);
    expect(mail.text).not.toContain("set-password");
    await expect(resolveTenantAccess(colleague.id, tenant.slug, "VIEWER")).resolves.toMatchObject({ role: "VIEWER" });
  });

  it("resets a forgotten password by e-mail, answering the same for an unknown address", async () => {
    const user = await createTestUser("forgot");
    const unknown = `nobody-${uniqueSuffix()}@test.apicenter.local`;
    expect(await requestPasswordReset({ email: unknown })).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await requestPasswordReset({ email: user.email.toUpperCase() })).toEqual({ message: RESET_REQUESTED_MESSAGE });
    const link = setPasswordLinkIn(await mailTo(user.email, /reset the password/));
    expect(mailbox.messages().some((mail) => mail.to.includes(unknown))).toBe(false);

    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    await setPasswordWithToken({ token: tokenOf(link), password: NEW_PASSWORD });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    await expect(authenticateUser({ email: user.email, password: TEST_PASSWORD, address: undefined })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(authenticateUser({ email: user.email, password: NEW_PASSWORD, address: undefined })).resolves.toMatchObject({ id: user.id });
  });

  it("refuses an expired reset link, and sends at most a few links an hour", async () => {
    const user = await createTestUser("expired");
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) await requestPasswordReset({ email: user.email });
    expect(await db.accountToken.count({ where: { userId: user.id, purpose: "PASSWORD_RESET" } })).toBe(RESETS_PER_HOUR);
    const link = setPasswordLinkIn(await mailTo(user.email, /reset the password/));
    await db.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(setPasswordWithToken({ token: tokenOf(link), password: NEW_PASSWORD })).rejects.toMatchObject({ message: expect.stringContaining("expired") });
  });

  it("changes a password only with the current one, and ends the sessions issued before", async () => {
    const user = await createTestUser("change");
    await expect(changePassword(user.id, { currentPassword: "wrong-password", newPassword: NEW_PASSWORD })).rejects.toMatchObject({
      details: { fields: { currentPassword: "this is not your current password" } },
    });
    await expect(changePassword(user.id, { currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toMatchObject({
      details: { fields: { newPassword: "at least 10 characters" } },
    });
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    await changePassword(user.id, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(before.sessionVersion + 1);
    await expect(authenticateUser({ email: user.email, password: NEW_PASSWORD, address: undefined })).resolves.toMatchObject({ id: user.id });
  });
});

describe("housekeeping", () => {
  it("forgets spent links and finished login streaks, keeping live ones", async () => {
    const user = await createTestUser("purge");
    const old = new Date(Date.now() - 3 * 24 * 60 * 60_000);
    await db.accountToken.createMany({
      data: [
        { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: `spent-${uniqueSuffix()}`, expiresAt: old },
        { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: `live-${uniqueSuffix()}`, expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    await db.loginThrottle.createMany({
      data: [
        { key: `account:old-${user.email}`, failures: 9, lastFailureAt: old, blockedUntil: old },
        { key: `account:live-${user.email}`, failures: 9, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 60_000) },
      ],
    });
    await purgeSpentAccountTokens();
    await purgeLoginThrottles();
    expect((await db.accountToken.findMany({ where: { userId: user.id } })).map((token) => token.tokenHash)).toEqual([expect.stringMatching(/^live-/)]);
    expect((await db.loginThrottle.findMany({ where: { key: { contains: user.email } } })).map((row) => row.key)).toEqual([`account:live-${user.email}`]);
  });
});

describe("account e-mails in the recipient's language (docs/i18n.md, E-mails)", () => {
  it("invite in the inviting browser's language, else the tenant's e-mail language; a login's own choice wins", async () => {
    const { actor, tenant } = await ownerOf("invite-nl");
    const invitee = `invitee-nl-${uniqueSuffix()}@test.apicenter.local`;
    await addMember(actor, { email: invitee, role: "ADMIN" }, { browserLocale: "nl" });
    const invitation = await mailTo(invitee, /heeft je uitgenodigd/);
    expect(invitation.subject).toBe(`Je bent uitgenodigd voor ${tenant.name} op APIcenter`);
    expect(invitation.text).toContain(`heeft je uitgenodigd voor ${tenant.name} op APIcenter, als beheerder.`);
    expect(invitation.text).toContain('Gebruik dan "Wachtwoord vergeten?"');
    expect(setPasswordLinkIn(invitation)).toContain("/set-password#token=");

    // No browser language we have (a script, or German only): the tenant's e-mail language.
    await db.settings.update({ where: { tenantId: tenant.id }, data: { emailLocale: "nl" } });
    const viaTenant = `invitee-tenant-${uniqueSuffix()}@test.apicenter.local`;
    await addMember(actor, { email: viaTenant, role: "VIEWER" });
    expect((await mailTo(viaTenant, /als lezer/)).subject).toBe(`Je bent uitgenodigd voor ${tenant.name} op APIcenter`);

    // Someone who chose English reads English, whatever the browser and the tenant say.
    const colleague = await createTestUser("colleague-en");
    await db.user.update({ where: { id: colleague.id }, data: { locale: "en" } });
    await addMember(actor, { email: colleague.email, role: "VIEWER" }, { browserLocale: "nl" });
    expect((await mailTo(colleague.email, /added you to/)).subject).toBe(`You now have access to ${tenant.name} on APIcenter`);
  });

  it("send a reset in the asking browser's language, else in the e-mail language of the login's only tenant", async () => {
    const asker = await createTestUser("reset-browser");
    await requestPasswordReset({ email: asker.email }, undefined, { browserLocale: "nl" });
    const dutch = await mailTo(asker.email, /wachtwoord/);
    expect(dutch.subject).toBe("Kies een nieuw wachtwoord voor APIcenter");
    expect(setPasswordLinkIn(dutch)).toContain("/set-password#token=");

    const { tenant, users } = await createTestTenant("reset-tenant");
    await db.settings.update({ where: { tenantId: tenant.id }, data: { emailLocale: "nl" } });
    await requestPasswordReset({ email: users.VIEWER.email });
    expect((await mailTo(users.VIEWER.email, /wachtwoord/)).subject).toBe("Kies een nieuw wachtwoord voor APIcenter");

    const stranger = await createTestUser("reset-plain");
    await requestPasswordReset({ email: stranger.email });
    expect((await mailTo(stranger.email, /reset the password/)).subject).toBe("Choose a new APIcenter password");
  });
});
