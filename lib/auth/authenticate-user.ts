/**
 * Credential check with throttling (./login-throttle.ts): the attempt is counted per account and
 * per client address before the password is checked. Unknown accounts, accounts without a password
 * yet (invited, not accepted) and wrong passwords all get the same answer and cost the same.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { loginThrottleKeys, recordLoginSuccess, reserveLoginAttempt } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("enter a valid e-mail address")),
  password: z.string().min(1, "enter your password").max(200),
});

// Compared against when the account has no password, so every path costs one argon2 verify.
let dummyHash: Promise<string> | undefined;

export async function checkPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not-a-real-password");
  const valid = await verifyPassword(passwordHash ?? (await dummyHash), password);
  return Boolean(passwordHash) && valid;
}

export async function authenticateUser(input: { email?: unknown; password?: unknown; address: string | undefined }) {
  const { email, password } = parseOrThrow(CredentialsSchema, input, "login");
  const keys = loginThrottleKeys(email, input.address);
  await reserveLoginAttempt(keys);
  const user = await db.user.findUnique({ where: { email } });
  if (!(await checkPassword(user?.passwordHash, password)) || !user)
    throw new AppError("UNAUTHENTICATED", "Wrong e-mail or password.", { params: { variant: "wrongCredentials" } });
  await recordLoginSuccess(keys);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
