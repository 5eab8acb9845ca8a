/**
 * Each alert condition in words (messages: alerts.kinds.<KIND>.title / .advice, alerts.lastError),
 * for the e-mails on the server and the overview in the browser alike: the caller says how to name
 * a module, a connection and a time in the reader's language.
 */
import type { AlertKind } from "../../generated/prisma/enums";
import type { Translate } from "../i18n/translate-error";

export type AlertWords = {
  t: Translate;
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

/** The error text the condition quotes, if any (a connection's or the last run's). */
export function alertError(words: AlertWords, detail: Record<string, unknown>): string | null {
  return typeof detail.error === "string" && detail.error ? words.t("alerts.lastError", { error: detail.error }) : null;
}
