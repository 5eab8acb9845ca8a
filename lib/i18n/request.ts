/**
 * next-intl's request configuration (wired in next.config.js): the language of this request is the
 * logged-in user's choice, else the browser's Accept-Language, else English. No locale in the URL.
 */
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getUserLocale } from "../accounts/user-locale";
import { currentUserId } from "../auth/guard";
import { MESSAGES } from "./messages";
import { resolveLocale } from "./resolve-locale";

export default getRequestConfig(async () => {
  const userId = await currentUserId();
  const locale = resolveLocale({
    userLocale: userId ? await getUserLocale(userId) : null,
    acceptLanguage: (await headers()).get("accept-language"),
  });
  return { locale, messages: MESSAGES[locale] };
});
