/**
 * Run log lines in the reader's language (docs/i18n.md): runLog.<code> filled with the line's params
 * — quoted errors and dates worded for the reader too, and the records named by their module
 * (runLog.records.<slug>, else runLog.anyRecord). A line without a code, or with a code or params
 * the message files cannot word, is shown as its stored English text.
 */
import { FORMAT_LOCALE, type Locale } from "./locales";
import { asErrorParams, hasMessage, icuValues, type Translate } from "./translate-error";
import type { ErrorParams } from "../errors";

export type StoredLogLine = { code?: string | null; message: string; params?: unknown };

/** `record` ("order", "orders" for a count) and `Record` (the same, to begin a sentence). */
function recordWords(t: Translate, locale: Locale, params: ErrorParams): { record: string; Record: string } {
  const slug = typeof params.recordsOf === "string" ? params.recordsOf : undefined;
  const key = slug && hasMessage(t, `runLog.records.${slug}`) ? `runLog.records.${slug}` : "runLog.anyRecord";
  const record = t(key, { count: typeof params.count === "number" ? params.count : 1 });
  return { record, Record: record.charAt(0).toLocaleUpperCase(FORMAT_LOCALE[locale]) + record.slice(1) };
}

export function translateRunLog(t: Translate, locale: Locale, line: StoredLogLine): string {
  const params = asErrorParams(line.params);
  const key = `runLog.${line.code}`;
  if (!line.code || !params || !hasMessage(t, key)) return line.message;
  return t(key, { ...icuValues(t, locale, params), ...recordWords(t, locale, params) });
}
