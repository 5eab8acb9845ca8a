/**
 * Each alert condition in words (messages: alerts.kinds.<KIND>.title / .advice, alerts.lastError),
 * for the e-mails on the server and the overview in the browser alike: the caller says how to name
 * a module, a connection and a time in the reader's language.
 */
import type { AlertKind } from "../../generated/prisma/enums";
import type { Locale } from "../i18n/locales";
import { translateError, type Translate } from "../i18n/translate-error";

export type AlertWords = {
  t: Translate;
  locale: Locale;
  moduleLabel(id: string): string;
  connectionLabel(kind: string): string;
  time(iso: string): string;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");
const count = (value: unknown) => (typeof value === "number" ? value : 0);

export function alertTitle(words: AlertWords, kind: AlertKind, detail: Record<string, unknown>): string {
  const { t } = words;
  const params: Record<string, string | number> = {
    module: words.moduleLabel(text(detail.module)),
    connection: words.connectionLabel(text(detail.connection)),
    failures: count(detail.failures),
    count: count(detail.count),
    hours: count(detail.hours),
    since: detail.since ? words.time(text(detail.since)) : "",
    until: detail.until ? words.time(text(detail.until)) : "",
  };
  return t(`alerts.kinds.${kind}.title`, params);
}

export function alertAdvice(words: AlertWords, kind: AlertKind): string {
  return words.t(`alerts.kinds.${kind}.advice`);
}

/** The error the condition quotes, if any (a connection's or the last run's), in the reader's language when it has a code and params. */
export function alertError(words: AlertWords, detail: Record<string, unknown>): string | null {
  if (typeof detail.error !== "string" || !detail.error) return null;
  const error = translateError(words.t, words.locale, {
    code: typeof detail.errorCode === "string" ? detail.errorCode : null,
    message: detail.error,
    params: detail.errorParams,
  });
  return words.t("alerts.lastError", { error });
}
