/**
 * Credential check with throttling: at most MAX_FAILURES_PER_ACCOUNT failed logins per account and
 * MAX_FAILURES_PER_IP per address within the window, counted in Postgres so every web replica agrees.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { hashPassword, verifyPassword } from "./password";

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("enter a valid e-mail address")),
  password: z.string().min(1, "enter your password").max(200),
});

// Compared against when the account does not exist, so both paths cost one argon2 verify.
let dummyHash: Promise<string> | undefined;

export async function authenticateUser(input: { email?: unknown; password?: unknown; ip: string }) {
  const { email, password } = parseOrThrow(CredentialsSchema, input, "login");
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);

  const [accountFailures, ipFailures] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip: input.ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      `Too many failed logins. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again.`,
      { params: { minutes: THROTTLE_WINDOW_MINUTES } },
    );
  }

  const user = await db.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword("not-a-real-password");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  await db.loginAttempt.create({ data: { email, ip: input.ip, succeeded: Boolean(user && valid) } });
  if (!user || !valid) throw new AppError("UNAUTHENTICATED", "Wrong e-mail or password.", { params: { variant: "wrongCredentials" } });
  return { id: user.id, email: user.email, name: user.name };
}
