/**
 * Which language a request gets: the user's own choice, else the best match of the browser's
 * Accept-Language (q-values honoured, "nl-BE" counts as Dutch), else English.
 */
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

/** The header's languages in preference order, leaving out "*" and tags Intl cannot read (the header is client input). */
function requestedLanguages(acceptLanguage: string): string[] {
  return new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages().flatMap((tag) => {
    if (tag === "*") return [];
    try {
      return Intl.getCanonicalLocales(tag);
    } catch {
      return [];
    }
  });
}

export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = requestedLanguages(acceptLanguage);
  if (!requested.length) return DEFAULT_LOCALE;
  const matched = match(requested, LOCALES, DEFAULT_LOCALE);
  return isLocale(matched) ? matched : DEFAULT_LOCALE;
}

export function resolveLocale(input: { userLocale?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  return localeFromAcceptLanguage(input.acceptLanguage);
}
