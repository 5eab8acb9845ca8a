/**
 * Masks secrets and personal data in anything the HTTP layer logs or puts into error details.
 *
 * - Secrets (authorization headers, tokens, API keys, client secrets, passwords) become "[redacted]".
 * - E-mail addresses keep their first letter and domain: kari@example.no → k***@example.no.
 * - Phone numbers keep their last two digits: +4790000012 → ***12.
 * - Street address lines become "[address]"; person names keep their first letter: Kari → K***.
 * Free text (remote error messages, URLs) is scanned for e-mails, bearer/basic credentials and
 * secret query parameters as well.
 */

const REDACTED = "[redacted]";

const SECRET_KEY = /authorization|(^|_|-)token$|access_?token|refresh_?token|id_?token|api[-_]?key|apikey|secret|password|passwd|cookie/i;
const EMAIL_KEY = /e_?mail$/i;
const PHONE_KEY = /phone|fax|mobile/i;
const ADDRESS_KEY = /^(b_|s_)?address(_2)?$|^addressline\d$|^line\d$|^street/i;
const NAME_KEY = /^(b_|s_)?(firstname|lastname)$|^(name|attention|contactname|customername|first_?name|last_?name)$/i;

const EMAIL_IN_TEXT = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const AUTH_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_PARAM_IN_TEXT = /\b(client_secret|access_token|api_key|apikey|password|token|key)=([^&\s"]+)/gi;
const SECRET_JSON_IN_TEXT = /("(?:access_token|refresh_token|id_token|token|client_secret|password|api_?key|apikey)"\s*:\s*")[^"]*"?/gi;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

export function maskEmail(email: string): string {
  return email.replace(EMAIL_IN_TEXT, (_match, first: string, domain: string) => `${first}***@${domain}`);
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 0) return phone;
  return `***${digits.slice(-2)}`;
}

function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") return name;
  return `${Array.from(trimmed)[0]}***`;
}

/** Masks e-mails, credentials and secret query parameters inside free text. */
export function redactText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, "$1[redacted]@")
    .replace(AUTH_IN_TEXT, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PARAM_IN_TEXT, (_match, name: string) => `${name}=${REDACTED}`)
    .replace(SECRET_JSON_IN_TEXT, `$1${REDACTED}"`)
    .replace(EMAIL_IN_TEXT, (_match, first: string, domain: string) => `${first}***@${domain}`);
}

function redactField(key: string, value: unknown, seen: WeakSet<object>): unknown {
  if (SECRET_KEY.test(key)) return value === undefined || value === null || value === "" ? value : REDACTED;
  if (typeof value === "string" && value !== "") {
    if (EMAIL_KEY.test(key)) return maskEmail(value);
    if (PHONE_KEY.test(key)) return maskPhone(value);
    if (ADDRESS_KEY.test(key)) return "[address]";
    if (NAME_KEY.test(key)) return maskName(value);
  }
  return redactValue(value, seen);
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Headers) return redactValue(Object.fromEntries(value.entries()), seen);
  if (value instanceof URL) return redactText(value.toString());
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = redactField(key, item, seen);
  return result;
}

/** Returns a masked deep copy of `value`; never mutates its input. */
export function redact<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}
