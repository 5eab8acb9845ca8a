/** A user's own language: "en", "nl", or null to follow the browser. It applies in every tenant. */
import { z } from "zod";
import { findSessionUser } from "../auth/session-user";
import { db } from "../db";
import { AppError } from "../errors";
import { isLocale, LocaleSchema, type Locale } from "../i18n/locales";
import { parseOrThrow } from "../validation";

export const UserLocaleInputSchema = z.object({ locale: LocaleSchema.nullable() });

/** From the row the session was checked against (read once per page request: findSessionUser). */
export async function getUserLocale(userId: string): Promise<Locale | null> {
  const user = await findSessionUser(userId);
  return isLocale(user?.locale) ? user.locale : null;
}

export async function setUserLocale(userId: string, input: unknown): Promise<{ locale: Locale | null }> {
  const { locale } = parseOrThrow(UserLocaleInputSchema, input, "language");
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { locale } });
  if (count === 0) throw new AppError("UNAUTHENTICATED", "Log in to continue.", { params: { variant: "loginRequired" } });
  return { locale };
}
