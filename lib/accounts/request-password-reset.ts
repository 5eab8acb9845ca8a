/**
 * "Forgot your password?": e-mails a one-hour reset link when the address has a login. The answer
 * is the same whether or not it has one, and the work that only an existing login causes (the
 * link, the e-mail) runs through `later`, which the route hands to Next.js's after(): the answer
 * does not wait for it, so its timing tells nothing either. At most RESETS_PER_HOUR links per login.
 */
import { z } from "zod";
import { db } from "../db";
import { parseOrThrow } from "../validation";
import { sendPasswordResetEmail } from "./account-emails";
import { issueAccountToken } from "./account-tokens";
import { EmailSchema } from "./account-fields";

export const RESETS_PER_HOUR = 3;

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });

export const RESET_REQUESTED_MESSAGE = "If this address has an APIcenter login, a link to choose a new password is on its way. It works for one hour.";

export async function requestPasswordReset(input: unknown, later: (task: () => Promise<void>) => void | Promise<void> = (task) => task()) {
  const { email } = parseOrThrow(PasswordResetRequestSchema, input, "password reset");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (user) {
    await later(async () => {
      const recent = await db.accountToken.count({ where: { userId: user.id, purpose: "PASSWORD_RESET", createdAt: { gt: new Date(Date.now() - 60 * 60_000) } } });
      if (recent >= RESETS_PER_HOUR) return;
      const { id, link } = await issueAccountToken(user.id, "PASSWORD_RESET");
      await sendPasswordResetEmail({ to: user.email, tokenId: id, link });
    });
  }
  return { message: RESET_REQUESTED_MESSAGE };
}
