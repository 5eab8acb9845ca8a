/**
 * Errors in the reader's language. An error (or a stored error: code + params next to its text)
 * that carries params is looked up in the messages: `errors.<code>.<variant>` or `errors.<code>`,
 * filled with its params; remote errors get the same tail everywhere (HTTP status, what the remote
 * said). Anything else — no params, an unknown code — is shown as its English message. Used by the
 * dashboard (components/use-error-text.ts) and by e-mails alike. See docs/i18n.md.
 */
import type { ErrorParams } from "../errors";
import type { FieldIssue } from "../validation";
import { FORMAT_LOCALE, type Locale } from "./locales";

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

/** Narrows JSON (an API answer, a Json column) to ErrorParams; anything else counts as none. */
export function asErrorParams(value: unknown): ErrorParams | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const plain = (item: unknown) => item === null || ["string", "number", "boolean"].includes(typeof item);
  const ok = entries.every(([, item]) => plain(item) || (Array.isArray(item) && item.every((element) => typeof element === "string")));
  return ok ? (value as ErrorParams) : undefined;
}

/**
 * ICU takes strings and numbers: lists become "A, B and C" in the reader's language (or "A, B or C"
 * for choices), booleans "true"/"false".
 */
export function icuValues(params: ErrorParams, locale: Locale, listType: "conjunction" | "disjunction" = "conjunction"): Record<string, string | number> {
  const list = new Intl.ListFormat(FORMAT_LOCALE[locale], { type: listType, style: "long" });
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? list.format(value) : typeof value === "number" ? value : String(value ?? "")]),
  );
}

export function errorMessageKey(code: string, params: ErrorParams): string {
  return typeof params.variant === "string" ? `errors.${code}.${params.variant}` : `errors.${code}`;
}

/** "(HTTP 401 from GET /api/2.0/orders). The remote said: "…"" in the reader's language. */
function remoteTail(t: Translate, params: ErrorParams): string {
  const parts: string[] = [];
  if (typeof params.status === "number" && typeof params.endpoint === "string") parts.push(t("errors.remote.where", { status: params.status, endpoint: params.endpoint }));
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
  const key = errorMessageKey(error.code, params);
  if (!hasMessage(t, key)) return error.message;
  return t(key, { ...icuValues(params, locale), who: remoteName(t, params) }) + remoteTail(t, params);
}

/**
 * A text that is not an error (a connection test's success, a debtor default's finding): its
 * params' `variant` names its translation under `namespace`; without one, its English message.
 */
export function translateVariant(t: Translate, locale: Locale, namespace: string, text: { message: string; params?: unknown }): string {
  const params = asErrorParams(text.params);
  const key = typeof params?.variant === "string" ? `${namespace}.${params.variant}` : undefined;
  return params && key && hasMessage(t, key) ? t(key, icuValues(params, locale)) : text.message;
}

/**
 * The named parts of a field path, last first: "schedules.ORDER_EXPORT.intervalMinutes" →
 * intervalMinutes, ORDER_EXPORT, schedules. A record's entry ("shippingMethodMap.posten") thus
 * falls back to its record's wording.
 */
function fieldNames(path: string): string[] {
  return path.split(".").filter((part) => !/^\d+$/.test(part)).reverse();
}

/** A field error: the field's own wording, else the general one for its code, else the English text. */
export function translateFieldIssue(t: Translate, locale: Locale, path: string, issue: FieldIssue | undefined, english: string): string {
  if (!issue) return english;
  const values = icuValues(issue.params ?? {}, locale, "disjunction");
  for (const key of [...fieldNames(path).map((name) => `validation.fields.${name}.${issue.code}`), `validation.${issue.code}`]) {
    if (hasMessage(t, key)) return t(key, values);
  }
  return english;
}
