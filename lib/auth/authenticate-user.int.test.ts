import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestUser, TEST_PASSWORD, uniqueSuffix } from "../../testing/fixtures";
import { authenticateUser } from "./authenticate-user";
import { FREE_ATTEMPTS } from "./login-throttle";

const randomAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** Ends the account's current wait, as if it had passed. */
async function letWaitPass(email: string) {
  await db.loginThrottle.updateMany({ where: { key: `account:${email}` }, data: { blockedUntil: new Date(Date.now() - 1000) } });
}

describe("login", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const user = await createTestUser("login");
    const result = await authenticateUser({ email: user.email.toUpperCase(), password: TEST_PASSWORD, address: "10.0.0.1" });
    expect(result).toMatchObject({ id: user.id, sessionVersion: 0 });
  });

  it("says the same thing for a wrong password, an unknown account and an invited one without a password", async () => {
    const user = await createTestUser("login");
    const invited = await db.user.create({ data: { email: `invited-${uniqueSuffix()}@x.test`, name: "Invited" } });
    for (const email of [user.email, `nobody-${uniqueSuffix()}@x.test`, invited.email]) {
      await expect(authenticateUser({ email, password: "wrong-password", address: undefined })).rejects.toThrow("Wrong e-mail or password.");
    }
  });

  it("names invalid input", async () => {
    await expect(authenticateUser({ email: "not-an-email", password: "", address: undefined })).rejects.toThrow(
      /email: enter a valid e-mail address; password: enter your password/,
    );
  });
});

describe("login throttling", () => {
  it("lets exactly one attempt past the free ones when many arrive at once, even with the right password among them", async () => {
    const user = await createTestUser("parallel");
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        authenticateUser({ email: user.email, password: i === 19 ? TEST_PASSWORD : `guess-${i}`, address: randomAddress() }),
      ),
    );
    const codes = attempts.map((attempt) => (attempt.status === "rejected" ? (attempt.reason as { code: string }).code : "OK"));
    // Each attempt is counted before its password is checked, under the row lock: the free five
    // and one more are checked, every other one is refused unchecked.
    expect(codes.filter((code) => code !== "TOO_MANY_ATTEMPTS")).toHaveLength(FREE_ATTEMPTS.account + 1);
    expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(20 - FREE_ATTEMPTS.account - 1);
  });

  it("backs off instead of locking out: after the wait the owner logs in, and the streak ends", async () => {
    const user = await createTestUser("backoff");
    for (let i = 0; i <= FREE_ATTEMPTS.account; i++) {
      await expect(authenticateUser({ email: user.email, password: "wrong", address: undefined })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(authenticateUser({ email: user.email, password: TEST_PASSWORD, address: undefined })).rejects.toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
      message: expect.stringMatching(/^Too many failed logins\. Wait \d+ seconds and try again\.$/),
    });
    await letWaitPass(user.email);
    await expect(authenticateUser({ email: user.email, password: TEST_PASSWORD, address: undefined })).resolves.toMatchObject({ id: user.id });
    expect(await db.loginThrottle.findUnique({ where: { key: `account:${user.email}` } })).toBeNull();
  });

  it("makes each wait longer, up to a ceiling", async () => {
    const user = await createTestUser("ceiling");
    const waits: number[] = [];
    for (let i = 0; i < FREE_ATTEMPTS.account + 8; i++) {
      await authenticateUser({ email: user.email, password: "wrong", address: undefined }).catch(() => undefined);
      const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
      if (row.blockedUntil) waits.push(Math.round((row.blockedUntil.getTime() - row.lastFailureAt.getTime()) / 1000));
      await letWaitPass(user.email);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("throttles an address that guesses across many accounts; its own good login does not reset that", async () => {
    const address = randomAddress();
    const own = await createTestUser("sprayer");
    for (let i = 0; i < FREE_ATTEMPTS.address; i++) {
      await expect(authenticateUser({ email: `guess-${i}-${uniqueSuffix()}@x.test`, password: "x", address })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
      if (i === 10) await authenticateUser({ email: own.email, password: TEST_PASSWORD, address });
    }
    await expect(authenticateUser({ email: `guess-last-${uniqueSuffix()}@x.test`, password: "x", address })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const victim = await createTestUser("victim");
    await expect(authenticateUser({ email: victim.email, password: TEST_PASSWORD, address })).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    // The same person from another address is not affected.
    await expect(authenticateUser({ email: victim.email, password: TEST_PASSWORD, address: randomAddress() })).resolves.toMatchObject({ id: victim.id });
  });
});
