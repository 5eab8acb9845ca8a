import { describe, expect, it } from "vitest";
import { createTestUser, TEST_PASSWORD, uniqueSuffix } from "../../testing/fixtures";
import { authenticateUser, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./authenticate-user";

describe("login", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const user = await createTestUser("login");
    const result = await authenticateUser({ email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result.id).toBe(user.id);
  });

  it("says the same thing for a wrong password and an unknown account", async () => {
    const user = await createTestUser("login");
    await expect(authenticateUser({ email: user.email, password: "wrong", ip: "10.0.0.2" })).rejects.toThrow("Wrong e-mail or password.");
    await expect(authenticateUser({ email: `nobody-${uniqueSuffix()}@x.test`, password: "x", ip: "10.0.0.2" })).rejects.toThrow("Wrong e-mail or password.");
  });

  it("names invalid input", async () => {
    await expect(authenticateUser({ email: "not-an-email", password: "", ip: "10.0.0.3" })).rejects.toThrow(/email: enter a valid e-mail address; password: enter your password/);
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    const user = await createTestUser("throttle");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await expect(authenticateUser({ email: user.email, password: "wrong", ip: `10.1.0.${i}` })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(authenticateUser({ email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });

  it("throttles an IP address that guesses across many accounts", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await expect(authenticateUser({ email: `guess-${i}-${uniqueSuffix()}@x.test`, password: "x", ip })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const user = await createTestUser("victim");
    await expect(authenticateUser({ email: user.email, password: TEST_PASSWORD, ip })).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });
});
