/**
 * Which language a request gets: the user's own choice, else the best match of the browser's
 * Accept-Language (q-values honoured, "nl-BE" counts as Dutch), else English. E-mails follow a
 * rule of the same shape (emailLocale; docs/i18n.md, "E-mails").
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

/** "und" (undetermined) is what the matcher answers when none of our languages fits. */
const NO_MATCH = "und";

/** The browser's language when it asks for one we have; undefined when it asks for none of them. */
export function browserLocale(acceptLanguage: string | null | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const requested = requestedLanguages(acceptLanguage);
  if (!requested.length) return undefined;
  const matched = match(requested, LOCALES, NO_MATCH);
  return isLocale(matched) ? matched : undefined;
}

export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): Locale {
  return browserLocale(acceptLanguage) ?? DEFAULT_LOCALE;
}

export function resolveLocale(input: { userLocale?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  return localeFromAcceptLanguage(input.acceptLanguage);
}

/**
 * The language of an e-mail to one person: their own choice, else (for an e-mail a browser
 * triggered) that browser's language, else the tenant's e-mail language, else English.
 */
export function emailLocale(input: { userLocale?: string | null; browserLocale?: Locale; tenantLocale?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (input.browserLocale) return input.browserLocale;
  if (isLocale(input.tenantLocale)) return input.tenantLocale;
  return DEFAULT_LOCALE;
}
