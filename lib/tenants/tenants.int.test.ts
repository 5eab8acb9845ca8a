/**
 * Every way a tenant comes to be — "New shop" in the tenant switcher, public sign-up, the operator
 * CLI — makes it with every module off and no start point, owned by the right person.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { authenticateUser } from "../auth/authenticate-user";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { setPasswordLinkIn, startMailbox, waitForMail } from "../devstack/mailbox";
import { env } from "../env";
import { caughtAppError } from "../http/caught-app-error";
import { getSettings } from "../settings/get-settings";
import { createTestUser, TEST_PASSWORD, uniqueSuffix } from "../../testing/fixtures";
import { setPasswordWithToken } from "../accounts/set-password-with-token";
import { requestSignUp, SIGN_UP_REQUESTED_MESSAGE } from "../accounts/sign-up";
import { createTenantForUser, TENANTS_PER_USER_PER_HOUR, TenantSlugSchema } from "./create-tenant";

// Before anything reads the environment (lib/env.ts caches it): e-mails go to this SMTP server, sign-up is open.
const mailbox = await startMailbox();
process.env.SMTP_URL = mailbox.smtpUrl;
process.env.SIGNUP_OPEN = "true";
afterAll(() => mailbox.close());

const exec = promisify(execFile);
const mailTo = (to: string, pattern: RegExp) => waitForMail(() => mailbox.messages(), to, pattern);
const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, "");

async function expectSafeDefaults(tenantId: string) {
  const settings = await getSettings(tenantId);
  expect(Object.values(settings.schedules).every((schedule) => !schedule.enabled)).toBe(true);
  expect(settings.orderExportStart).toBeNull();
}

describe("slugs", () => {
  it("are hostile input: only lower-case letters, digits and single dashes, never a name the app's routes use", () => {
    for (const bad of [
      "api",
      "login",
      "signup",
      "_next",
      "tenants",
      "a",
      "Acme",
      "acme-",
      "-acme",
      "ac--me",
      "acme/../x",
      "acme shop",
      "ácme",
      "x".repeat(41),
    ]) {
      expect(TenantSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(TenantSlugSchema.parse(" acme-shop-2 ")).toBe("acme-shop-2");
  });
});

describe("New shop (tenant switcher)", () => {
  it("makes the creator its OWNER, audits it, starts safe, and refuses a taken address by name", async () => {
    const user = await createTestUser("creator");
    const slug = `new-${uniqueSuffix()}`;
    expect(await createTenantForUser(user.id, { slug, name: "Fjell & Fjord AS" })).toEqual({ slug, name: "Fjell & Fjord AS" });
    const access = await resolveTenantAccess(user.id, slug, "OWNER");
    await expectSafeDefaults(access.tenant.id);
    expect(await db.auditEvent.findFirst({ where: { tenantId: access.tenant.id, action: "tenant.create" } })).toMatchObject({ userEmail: user.email });

    const taken = await caughtAppError(createTenantForUser(user.id, { slug, name: "Another" }));
    expect(taken.details?.fields).toEqual({ slug: "this address is taken" });
    // Two at once for one address: exactly one wins, the other hears it is taken.
    const racing = `race-${uniqueSuffix()}`;
    const results = await Promise.allSettled([
      createTenantForUser(user.id, { slug: racing, name: "A" }),
      createTenantForUser(user.id, { slug: racing, name: "B" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "VALIDATION_FAILED" } });
  });

  it("brakes a login that creates shops in a loop", async () => {
    const user = await createTestUser("spammer");
    for (let i = 0; i < TENANTS_PER_USER_PER_HOUR; i++) await createTenantForUser(user.id, { slug: `spam-${uniqueSuffix()}`, name: `Spam ${i}` });
    await expect(createTenantForUser(user.id, { slug: `spam-${uniqueSuffix()}`, name: "One more" })).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });
});

describe("public sign-up", () => {
  it("creates nothing until the e-mailed link is used; the link sets the password and creates the shop, owned by the new login", async () => {
    expect(env().SIGNUP_OPEN).toBe(true);
    const email = `signup-${uniqueSuffix()}@test.apicenter.local`;
    expect(await requestSignUp({ email, companyName: "Sjøbua Handel" })).toEqual({ message: SIGN_UP_REQUESTED_MESSAGE });
    const mail = await mailTo(email, /Confirm the address/);
    expect(mail.subject).toBe("Confirm your e-mail address for APIcenter");
    expect(await db.tenant.findFirst({ where: { name: "Sjøbua Handel", memberships: { some: { user: { email } } } } })).toBeNull();
    await expect(authenticateUser({ email, password: "a-good-password-1", address: undefined })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });

    const done = await setPasswordWithToken({ token: tokenOf(setPasswordLinkIn(mail)), password: "a-good-password-1" });
    expect(done.tenant?.slug).toMatch(/^sjobua-handel(-\d+)?$/);
    const user = await authenticateUser({ email, password: "a-good-password-1", address: undefined });
    const access = await resolveTenantAccess(user.id, done.tenant!.slug, "OWNER");
    await expectSafeDefaults(access.tenant.id);
  });

  it("answers the same for an address with a login, creates nothing for it, and tells its owner instead", async () => {
    const existing = await createTestUser("has-login");
    const memberships = await db.membership.count({ where: { userId: existing.id } });
    expect(await requestSignUp({ email: existing.email.toUpperCase(), companyName: "Takeover AS" })).toEqual({ message: SIGN_UP_REQUESTED_MESSAGE });
    const notice = await mailTo(existing.email, /already has a login/);
    expect(notice.text).not.toContain("set-password");
    expect(await db.accountToken.count({ where: { userId: existing.id, purpose: "SIGNUP" } })).toBe(0);
    expect(await db.membership.count({ where: { userId: existing.id } })).toBe(memberships);
    await expect(authenticateUser({ email: existing.email, password: TEST_PASSWORD, address: undefined })).resolves.toMatchObject({ id: existing.id });
  });

  it("sends at most three links an hour to one address", async () => {
    const email = `many-${uniqueSuffix()}@test.apicenter.local`;
    for (let i = 0; i < 5; i++) await requestSignUp({ email, companyName: `Shop ${i}` });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await db.accountToken.count({ where: { userId: user.id, purpose: "SIGNUP" } })).toBe(3);
  });
});

describe("operator CLI (npm run tenant)", () => {
  const tenantCli = (args: string[], extraEnv: Record<string, string | undefined> = {}) =>
    exec("node_modules/.bin/tsx", ["workers/tenant.ts", ...args], { env: { ...process.env, ...extraEnv } });

  it("creates a tenant with every module off and invites its owner by e-mail; lists it as not set up", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    const owner = `cli-owner-${uniqueSuffix()}@test.apicenter.local`;
    const { stdout } = await tenantCli(["create", slug, "--name", "CLI Shop AS", "--owner", owner]);
    expect(JSON.parse(stdout)).toMatchObject({ tenant: { slug, name: "CLI Shop AS" }, owner, note: expect.stringContaining("e-mailed a link") });
    const invitation = await mailTo(owner, /invited you to CLI Shop AS/);
    await setPasswordWithToken({ token: tokenOf(setPasswordLinkIn(invitation)), password: "owner-password-1" });
    const user = await authenticateUser({ email: owner, password: "owner-password-1", address: undefined });
    const access = await resolveTenantAccess(user.id, slug, "OWNER");
    await expectSafeDefaults(access.tenant.id);

    const listed = JSON.parse((await tenantCli(["list"])).stdout) as { slug: string; owners: string[]; setUp: boolean; openSteps: string[] }[];
    expect(listed.find((tenant) => tenant.slug === slug)).toMatchObject({
      name: "CLI Shop AS",
      owners: [owner],
      setUp: false,
      openSteps: ["cscart", "visma", "orderStart", "mapping", "dryRun", "modules"],
    });
  });

  it("prints the invitation link when no e-mail could be sent, and refuses a reserved slug by name", async () => {
    const slug = `cli-nomail-${uniqueSuffix()}`;
    const owner = `cli-nomail-${uniqueSuffix()}@test.apicenter.local`;
    const { stdout } = await tenantCli(["create", slug, "--name", "No Mail AS", "--owner", owner], { SMTP_URL: "" });
    const result = JSON.parse(stdout);
    expect(result.invitationLink).toMatch(/\/set-password#token=/);
    await expect(setPasswordWithToken({ token: tokenOf(result.invitationLink), password: "owner-password-2" })).resolves.toMatchObject({ email: owner });

    const refused = await tenantCli(["create", "api", "--name", "X", "--owner", owner]).catch((error) => error);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error.message).toContain("slug: this name is reserved");
  });
});
