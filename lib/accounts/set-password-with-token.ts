/**
 * Sets a password from an e-mailed link (an invitation or a reset). The link is claimed in the
 * same transaction that sets the password, by an update that only matches an unused, unexpired
 * token: two tabs submitting the same link cannot both succeed. Every other open link of the
 * account stops working, every session of the account ends, and its login throttle is cleared.
 * A sign-up link also creates the shop it was for, in the same transaction (sign-up.ts).
 */
import { z } from "zod";
import { hashPassword } from "../auth/password";
import { clearAccountThrottle } from "../auth/login-throttle";
import { db } from "../db";
import { AppError } from "../errors";
import { fieldDetails, parseOrThrow } from "../validation";
import { hashAccountToken } from "./account-tokens";
import { createSignedUpTenant } from "./sign-up";
import { NewPasswordSchema } from "./account-fields";

export const SetPasswordInputSchema = z.object({
  token: z.string().trim().min(20, "the link is incomplete: open it again from the e-mail").max(200),
  password: NewPasswordSchema,
});

export async function setPasswordWithToken(input: unknown) {
  const { token, password } = parseOrThrow(SetPasswordInputSchema, input, "new password");
  const passwordHash = await hashPassword(password);
  const tokenHash = hashAccountToken(token);
  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    const claimed = await tx.accountToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) {
      throw new AppError(
        "VALIDATION_FAILED",
        'This link no longer works: it was used already or it has expired. Ask for a new one with "Forgot your password?" on the login page.',
        {
          params: { variant: "linkUsed" },
          details: fieldDetails({ token: { message: "used or expired", code: "linkUsed" } }),
        },
      );
    }
    const { userId, purpose, payload } = await tx.accountToken.findUniqueOrThrow({
      where: { tokenHash },
      select: { userId: true, purpose: true, payload: true },
    });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { email: true } });
    await tx.accountToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const tenant = purpose === "SIGNUP" ? await createSignedUpTenant(tx, userId, payload) : null;
    return { email: user.email, tenant };
  });
  await clearAccountThrottle(claimed.email);
  return { passwordSet: true, email: claimed.email, ...(claimed.tenant ? { tenant: claimed.tenant } : {}) };
}
