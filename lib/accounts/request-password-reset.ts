/**
 * "Forgot your password?": e-mails a one-hour reset link when the address has a login. The answer
 * is the same whether or not it has one, and the work that only an existing login causes (the
 * link, the e-mail) runs through `later`, which the route hands to Next.js's after(): the answer
 * does not wait for it, so its timing tells nothing either. At most RESETS_PER_HOUR links per login.
 * The e-mail's language: the login's own choice, else the asking browser's, else the e-mail
 * language of its tenant when it belongs to exactly one, else English (docs/i18n.md, "E-mails").
 */
import { z } from "zod";
import { db } from "../db";
import type { Locale } from "../i18n/locales";
import { emailLocale } from "../i18n/resolve-locale";
import { parseOrThrow } from "../validation";
import { sendPasswordResetEmail } from "./account-emails";
import { issueAccountToken } from "./account-tokens";
import { EmailSchema } from "./account-fields";

export const RESETS_PER_HOUR = 3;

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });

export const RESET_REQUESTED_MESSAGE = "If this address has an APIcenter login, a link to choose a new password is on its way. It works for one hour.";

export async function requestPasswordReset(
  input: unknown,
  later: (task: () => Promise<void>) => void | Promise<void> = (task) => task(),
  context: { browserLocale?: Locale } = {},
) {
  const { email } = parseOrThrow(PasswordResetRequestSchema, input, "password reset");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
  if (user) {
    await later(async () => {
      const recent = await db.accountToken.count({
        where: { userId: user.id, purpose: "PASSWORD_RESET", createdAt: { gt: new Date(Date.now() - 60 * 60_000) } },
      });
      if (recent >= RESETS_PER_HOUR) return;
      const { id, link } = await issueAccountToken(user.id, "PASSWORD_RESET");
      const tenants = await db.settings.findMany({ where: { tenant: { memberships: { some: { userId: user.id } } } }, select: { emailLocale: true }, take: 2 });
      const locale = emailLocale({
        userLocale: user.locale,
        browserLocale: context.browserLocale,
        tenantLocale: tenants.length === 1 ? tenants[0]!.emailLocale : null,
      });
      await sendPasswordResetEmail({ to: user.email, locale, tokenId: id, link });
    });
  }
  return { message: RESET_REQUESTED_MESSAGE };
}
