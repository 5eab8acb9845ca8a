/**
 * The message files (messages/<locale>.json) and translators for code outside React (e-mails).
 * English is the reference: the type of every other file is checked against it.
 */
import { createTranslator } from "next-intl";
import en from "../../messages/en.json" with { type: "json" };
import nl from "../../messages/nl.json" with { type: "json" };
import type { Locale } from "./locales";
import type { Translate } from "./translate-error";

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, nl };

/** A translator over all messages of one language, with plain string keys (see Translate). */
export function translatorFor(locale: Locale): Translate {
  return createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as Translate;
}
