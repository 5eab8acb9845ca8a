/**
 * A logged-in user changes their password: the current one is required (and its guesses count
 * against the account's login throttle, so a borrowed session cannot try passwords here). Every
 * session of the account ends, this one included; the form signs in again with the new password.
 */
import { z } from "zod";
import { checkPassword } from "../auth/authenticate-user";
import { loginThrottleKeys, recordLoginSuccess, reserveLoginAttempt } from "../auth/login-throttle";
import { hashPassword } from "../auth/password";
import { db } from "../db";
import { AppError } from "../errors";
import { fieldDetails, parseOrThrow } from "../validation";
import { NewPasswordSchema } from "./account-fields";

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(200),
  newPassword: NewPasswordSchema,
});

export async function changePassword(userId: string, input: unknown) {
  const { currentPassword, newPassword } = parseOrThrow(ChangePasswordInputSchema, input, "password change");
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
  const keys = loginThrottleKeys(user.email, undefined);
  await reserveLoginAttempt(keys);
  if (!(await checkPassword(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "The current password is not right.", {
      params: { variant: "wrongCurrentPassword" },
      details: fieldDetails({ currentPassword: { message: "this is not your current password", code: "wrongCurrentPassword" } }),
    });
  }
  await recordLoginSuccess(keys);
  if (newPassword === currentPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a new password that differs from the current one.", {
      params: { variant: "samePassword" },
      details: fieldDetails({ newPassword: { message: "the same as the current password", code: "samePassword" } }),
    });
  }
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } } });
  return { changed: true };
}
