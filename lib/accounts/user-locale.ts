/** A user's own language: "en", "nl", or null to follow the browser. It applies in every tenant. */
import { cache } from "react";
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { isLocale, LocaleSchema, type Locale } from "../i18n/locales";
import { parseOrThrow } from "../validation";

export const UserLocaleInputSchema = z.object({ locale: LocaleSchema.nullable() });

/** Once per page request (React cache): next-intl's request config and the dashboard's layout both ask. */
export const getUserLocale = cache(async (userId: string): Promise<Locale | null> => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(user?.locale) ? user.locale : null;
});

export async function setUserLocale(userId: string, input: unknown): Promise<{ locale: Locale | null }> {
  const { locale } = parseOrThrow(UserLocaleInputSchema, input, "language");
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { locale } });
  if (count === 0) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
  return { locale };
}
