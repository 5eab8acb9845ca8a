/**
 * The dashboard's languages. English is the default and the language of the code's own texts
 * (error messages, logs); Dutch is the customers' language. See docs/i18n.md.
 */
import { z } from "zod";

export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const LocaleSchema = z.enum(LOCALES, "choose a language: en or nl");

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The Intl locale each language formats with: British English (day before month) and Dutch (1.234,56). */
export const FORMAT_LOCALE: Record<Locale, string> = { en: "en-GB", nl: "nl-NL" };

/** Date and time as a list shows them: "30 Nov 2026, 14:05" in English, "30-11-2026, 14:05" in Dutch. */
export const DATE_TIME_OPTIONS: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { dateStyle: "medium", timeStyle: "short" },
  nl: { dateStyle: "short", timeStyle: "short" },
};

/** What an empty date or duration cell shows. */
export const NONE = "—";

/** A moment as lists and texts show it (DATE_TIME_OPTIONS), in the reader's time zone; a missing one is NONE. */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string {
  if (!value) return NONE;
  return new Date(value).toLocaleString(FORMAT_LOCALE[locale], DATE_TIME_OPTIONS[locale]);
}
