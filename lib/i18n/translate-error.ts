/**
 * Errors in the reader's language. An error (or a stored error: code + params next to its text)
 * that carries params is looked up in the messages: `errors.<code>.<variant>` or `errors.<code>`,
 * filled with its params; remote errors get the same tail everywhere (HTTP status, what the remote
 * said). Anything else — no params, an unknown code — is shown as its English message. Used by the
 * dashboard (components/use-error-text.ts) and by e-mails alike. See docs/i18n.md.
 */
import type { ErrorParams, ParamValue, QuotedDate, QuotedError } from "../errors";
import type { FieldIssue } from "../validation";
import { FORMAT_LOCALE, formatDateTime, type Locale } from "./locales";

/** The part of next-intl's translator used here, with plain string keys (error codes come from data). */
export type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
  raw(key: string): unknown;
};

/**
 * Whether `key` names a message (a string, not a group of them). Key parts come partly from data
 * (codes, field names), so only plain names are looked up, never "constructor" and the like.
 */
export function hasMessage(t: Translate, key: string): boolean {
  const plain = key.split(".").every((part) => /^[A-Za-z][\w-]*$/.test(part) && !(part in Object.prototype));
  return plain && t.has(key) && typeof t.raw(key) === "string";
}

export type TranslatableError = { code?: string | null; message: string; params?: unknown };

/** Quoted errors nest (a log line quotes RETRIES_EXHAUSTED, which quotes its last error); deeper JSON is not params. */
const MAX_QUOTE_DEPTH = 4;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isQuotedDate(value: unknown): value is QuotedDate {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value.dateTime === "string" && !Number.isNaN(Date.parse(value.dateTime));
}

function isQuotedError(value: unknown, depth: number): value is QuotedError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    typeof value.message === "string" &&
    Object.keys(value).every((key) => ["code", "message", "params"].includes(key)) &&
    (value.params === undefined || asErrorParams(value.params, depth + 1) !== undefined)
  );
}

function isParamValue(value: unknown, depth: number): value is ParamValue {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((element) => typeof element === "string");
  return isQuotedDate(value) || isQuotedError(value, depth);
}

/** Narrows JSON (an API answer, a Json column) to ErrorParams; anything else counts as none. */
export function asErrorParams(value: unknown, depth = 0): ErrorParams | undefined {
  if (!isRecord(value) || depth > MAX_QUOTE_DEPTH) return undefined;
  return Object.values(value).every((item) => isParamValue(item, depth)) ? (value as ErrorParams) : undefined;
}

/**
 * ICU takes strings and numbers: lists become "A, B and C" in the reader's language (or "A, B or C"
 * for choices), booleans "true"/"false", a quoted error its own text in the reader's language, a
 * quoted date the reader's date format.
 */
export function icuValues(
  t: Translate,
  locale: Locale,
  params: ErrorParams,
  listType: "conjunction" | "disjunction" = "conjunction",
): Record<string, string | number> {
  const list = new Intl.ListFormat(FORMAT_LOCALE[locale], { type: listType, style: "long" });
  const icuValue = (value: ParamValue): string | number => {
    if (Array.isArray(value)) return list.format(value);
    if (typeof value === "number") return value;
    if (isQuotedDate(value)) return formatDateTime(value.dateTime, locale);
    if (isRecord(value)) return translateError(t, locale, value);
    return String(value ?? "");
  };
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, icuValue(value)]));
}

/**
 * Where an error's text is: errors.<code>.<variant> (or errors.<code> without a variant); a variant
 * several codes share — an error that keeps the code of the error it wraps — is at errors.anyCode.<variant>.
 */
function errorMessageKey(t: Translate, code: string, params: ErrorParams): string | undefined {
  const keys = typeof params.variant === "string" ? [`errors.${code}.${params.variant}`, `errors.anyCode.${params.variant}`] : [`errors.${code}`];
  return keys.find((key) => hasMessage(t, key));
}

/** "(HTTP 401 from GET /api/2.0/orders). The remote said: "…"" in the reader's language. */
function remoteTail(t: Translate, params: ErrorParams): string {
  const parts: string[] = [];
  if (typeof params.status === "number" && typeof params.endpoint === "string")
    parts.push(t("errors.remote.where", { status: params.status, endpoint: params.endpoint }));
  if (typeof params.remoteMessage === "string" && params.remoteMessage) parts.push(t("errors.remote.said", { remoteMessage: params.remoteMessage }));
  return parts.length ? ` ${parts.join(" ")}` : "";
}

/** Who a remote error is about ("De CS-Cart-webshop"), from its remote id. */
function remoteName(t: Translate, params: ErrorParams): string {
  return typeof params.remote === "string" && hasMessage(t, `remotes.${params.remote}`) ? t(`remotes.${params.remote}`) : t("remotes.unknown");
}

export function translateError(t: Translate, locale: Locale, error: TranslatableError): string {
  const params = asErrorParams(error.params);
  if (!error.code || !params) return error.message;
  const key = errorMessageKey(t, error.code, params);
  if (!key) return error.message;
  return t(key, { ...icuValues(t, locale, params), who: remoteName(t, params) }) + remoteTail(t, params);
}

/**
 * A text that is not an error (a connection test's success, a debtor default's finding): its
 * params' `variant` names its translation under `namespace`; without one, its English message.
 */
export function translateVariant(t: Translate, locale: Locale, namespace: string, text: { message: string; params?: unknown }): string {
  const params = asErrorParams(text.params);
  const key = typeof params?.variant === "string" ? `${namespace}.${params.variant}` : undefined;
  return params && key && hasMessage(t, key) ? t(key, icuValues(t, locale, params)) : text.message;
}

/**
 * The named parts of a field path, last first: "schedules.ORDER_EXPORT.intervalMinutes" →
 * intervalMinutes, ORDER_EXPORT, schedules. A record's entry ("shippingMethodMap.posten") thus
 * falls back to its record's wording.
 */
function fieldNames(path: string): string[] {
  return path
    .split(".")
    .filter((part) => !/^\d+$/.test(part))
    .reverse();
}

/** A field error: the field's own wording, else the general one for its code, else the English text. */
export function translateFieldIssue(t: Translate, locale: Locale, path: string, issue: FieldIssue | undefined, english: string): string {
  if (!issue) return english;
  const values = icuValues(t, locale, issue.params ?? {}, "disjunction");
  for (const key of [...fieldNames(path).map((name) => `validation.fields.${name}.${issue.code}`), `validation.${issue.code}`]) {
    if (hasMessage(t, key)) return t(key, values);
  }
  return english;
}
