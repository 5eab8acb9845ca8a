import { AppError, type ErrorCode, type ErrorParams } from "../errors";
import type { OutboundRefusedError } from "./outbound";
import { redact, redactText } from "./redact";

/**
 * Turns remote failures into AppErrors with plain messages a shop owner can act on. The remote's
 * own error text is quoted (masked) only from the JSON error bodies the real APIs send, so support
 * can see what CS-Cart or Visma.net said; any other answer (an HTML page, plain text, whatever a
 * wrong address returns) is never quoted. Transport failures share one wording, so a message does
 * not tell a closed port from a filtered one.
 */

export interface RemoteCallInfo {
  /** Short remote id used for metering and limiter keys, e.g. "cscart", "visma". */
  remote: string;
  /** Human name, e.g. "the CS-Cart shop", "Visma.net". */
  remoteLabel: string;
  /** "GET /api/2.0/orders" — method and path, never the query (it may hold filters with personal data). */
  endpoint: string;
}

export interface RemoteErrorText {
  message?: string;
  code?: string;
}

const MAX_QUOTED_LENGTH = 500;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number") return String(value);
  return undefined;
}

/**
 * Reads the remote's error text from the known error bodies:
 * CS-Cart `{message, status}`, Visma v1 IPPException `{ExceptionMessage, ExceptionFaultCode}`,
 * V3 ProblemDetails `{title, detail, details[{code, message}], errors{}}`, OAuth `{error, error_description}`.
 */
export function extractRemoteErrorText(bodyText: string): RemoteErrorText {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not an API's error body: whatever answered is not quoted.
    return {};
  }
  const record = asRecord(body);
  if (!record) return {};

  const ippMessage = text(record.ExceptionMessage);
  if (ippMessage) return { message: ippMessage, code: text(record.ExceptionFaultCode) };

  const oauthError = text(record.error);
  if (oauthError) {
    const description = text(record.error_description);
    return { message: description ? `${oauthError}: ${description}` : oauthError, code: oauthError };
  }

  if (text(record.title) || text(record.detail) || Array.isArray(record.details) || asRecord(record.errors)) {
    const parts: string[] = [];
    const codes: string[] = [];
    const title = text(record.title);
    const detail = text(record.detail);
    if (title) parts.push(title);
    if (detail && detail !== title) parts.push(detail);
    for (const item of Array.isArray(record.details) ? record.details : []) {
      const entry = asRecord(item);
      const code = text(entry?.code);
      // V3 names the offending field in parameters.property (ValidationErrorCodeDetails).
      const property = text(asRecord(entry?.parameters)?.property);
      const message = text(entry?.message) && property ? `${text(entry?.message)} (${property})` : text(entry?.message);
      if (code) codes.push(code);
      if (message || code) parts.push(code && message ? `${code}: ${message}` : (message ?? code ?? ""));
    }
    for (const [field, messages] of Object.entries(asRecord(record.errors) ?? {})) {
      const list = Array.isArray(messages) ? messages.map(text).filter(Boolean) : [text(messages)].filter(Boolean);
      if (list.length) parts.push(`${field}: ${list.join(", ")}`);
    }
    return { message: parts.join("; ") || undefined, code: codes[0] };
  }

  const message = text(record.message);
  if (message) return { message, code: text(record.status) };
  return {};
}

function quoted(remote: RemoteErrorText): string {
  if (!remote.message) return "";
  const message = redactText(remote.message).slice(0, MAX_QUOTED_LENGTH);
  return ` The remote said: "${message}"${remote.code && !message.includes(remote.code) ? ` (code ${remote.code})` : ""}.`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `variant` names the advice's translation (messages: errors.<code>.<variant>). */
function codeAndAdviceFor(status: number, info: RemoteCallInfo): { code: ErrorCode; advice: string; variant: string } {
  const who = capitalized(info.remoteLabel);
  if (status === 401)
    return { code: "REMOTE_AUTH_FAILED", variant: "status", advice: `${who} did not accept the login. Check the credentials in the connection settings.` };
  if (status === 403)
    return { code: "REMOTE_FORBIDDEN", variant: "status", advice: `${who} refused access. The API user may lack a permission, or the shop only allows HTTPS.` };
  if (status === 404) return { code: "REMOTE_NOT_FOUND", variant: "status", advice: `${who} could not find what was asked for.` };
  if (status === 400 || status === 422) return { code: "REMOTE_VALIDATION", variant: "status", advice: `${who} rejected the data that was sent.` };
  if (status === 409) return { code: "REMOTE_CONFLICT", variant: "status", advice: `${who} reported a conflict: the record may already exist.` };
  if (status === 412)
    return { code: "REMOTE_CONFLICT", variant: "changed", advice: `The record was changed in ${info.remoteLabel} by someone else in the meantime.` };
  if (status === 429)
    return { code: "REMOTE_RATE_LIMITED", variant: "status", advice: `${who} asked us to slow down (too many requests). The sync will continue later.` };
  if (status >= 500) return { code: "REMOTE_UNAVAILABLE", variant: "status", advice: `${who} had an internal problem. This is usually temporary.` };
  return { code: "REMOTE_VALIDATION", variant: "unexpected", advice: `${who} answered with an unexpected status.` };
}

/** The AppError for a non-success HTTP response. */
export function appErrorFromResponse(
  info: RemoteCallInfo,
  response: { status: number; bodyText: string; retryAfterMs?: number; outcomeUnknown?: boolean; ifMatch?: string },
): AppError {
  const remoteText = extractRemoteErrorText(response.bodyText);
  const { code, advice, variant } = codeAndAdviceFor(response.status, info);
  const message = `${advice} (HTTP ${response.status} from ${info.endpoint}).${quoted(remoteText)}`;
  const params: ErrorParams = {
    variant,
    remote: info.remote,
    status: response.status,
    endpoint: info.endpoint,
    ...(remoteText.message ? { remoteMessage: redactText(remoteText.message).slice(0, MAX_QUOTED_LENGTH) } : {}),
  };
  return new AppError(code, message, {
    params,
    details: redact({
      remote: info.remote,
      endpoint: info.endpoint,
      status: response.status,
      ...(remoteText.code ? { remoteCode: remoteText.code } : {}),
      ...(remoteText.message ? { remoteMessage: remoteText.message.slice(0, MAX_QUOTED_LENGTH) } : {}),
      ...(response.retryAfterMs !== undefined
        ? { retryAfterMs: response.retryAfterMs, retryAt: new Date(Date.now() + response.retryAfterMs).toISOString() }
        : {}),
      ...(response.status === 412 ? { preconditionFailed: true, ...(response.ifMatch ? { ifMatch: response.ifMatch } : {}) } : {}),
      ...(response.outcomeUnknown ? { outcomeUnknown: true } : {}),
    }),
  });
}

function clockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

/**
 * The remote's rate limit allows the next request only at `untilMs`, further away than a worker may
 * wait: a typed error the caller can reschedule on (details.retryAt), sent before anything was sent.
 */
export function appErrorRateLimitedUntil(info: RemoteCallInfo, untilMs: number): AppError {
  return new AppError(
    "REMOTE_RATE_LIMITED",
    `${capitalized(info.remoteLabel)} allows no more requests until ${clockTime(untilMs)} (rate limit); nothing was sent (${info.endpoint}). The sync continues then.`,
    {
      params: { variant: "until", remote: info.remote, time: clockTime(untilMs), endpoint: info.endpoint },
      details: {
        remote: info.remote,
        endpoint: info.endpoint,
        retryAt: new Date(untilMs).toISOString(),
        retryAfterMs: Math.max(0, untilMs - Date.now()),
        notSent: true,
      },
    },
  );
}

/** A request that failed again and again in the last minute is held back instead of sent once more. */
export function appErrorRepeatedFailure(info: RemoteCallInfo, untilMs: number): AppError {
  return new AppError(
    "REMOTE_UNAVAILABLE",
    `${capitalized(info.remoteLabel)} failed this request several times in the last minute (${info.endpoint}), so it is not sent again before ${clockTime(untilMs)}. This is usually temporary.`,
    {
      params: { variant: "heldBack", remote: info.remote, time: clockTime(untilMs), endpoint: info.endpoint },
      details: { remote: info.remote, endpoint: info.endpoint, retryAt: new Date(untilMs).toISOString(), notSent: true },
    },
  );
}

/** The AppError for a request that got no response: timeout or network failure. */
export function appErrorFromTransportFailure(
  info: RemoteCallInfo,
  failure: { kind: "timeout" | "network"; outcomeUnknown: boolean; timeoutMs?: number; cause?: unknown },
): AppError {
  const unknownNote = failure.outcomeUnknown ? " The request may have reached it; the result is unknown and must be checked before sending it again." : "";
  const shared = { remote: info.remote, endpoint: info.endpoint, outcomeUnknown: failure.outcomeUnknown };
  const described = failure.kind === "timeout" ? undefined : describeNetworkError(failure.cause);
  if (described) {
    return new AppError("REMOTE_NETWORK", `Could not reach ${info.remoteLabel} (${info.endpoint}): ${described.text}.${unknownNote}`, {
      params: { variant: "network", reason: described.reason, ...shared },
      details: { ...shared, timeoutMs: failure.timeoutMs },
      cause: failure.cause,
    });
  }
  const seconds = Math.round((failure.timeoutMs ?? 0) / 1000);
  return new AppError(
    failure.kind === "timeout" ? "REMOTE_TIMEOUT" : "REMOTE_NETWORK",
    `${capitalized(info.remoteLabel)} could not be reached or did not answer within ${seconds} seconds (${info.endpoint}). Check the address and port, and that the server accepts connections from the internet.${unknownNote}`,
    {
      params: { variant: "unreachable", seconds, ...shared },
      // No low-level error code here: details reach the tenant's logs, and ECONNREFUSED versus a
      // connect timeout is exactly what tells a closed port from a filtered one.
      details: { ...shared, timeoutMs: failure.timeoutMs },
      cause: failure.cause,
    },
  );
}

/** The AppError for a destination the outbound guard refused (no connection was made). */
export function appErrorFromRefusal(info: RemoteCallInfo, refusal: OutboundRefusedError): AppError {
  return new AppError(
    "REMOTE_ADDRESS_REFUSED",
    `${capitalized(info.remoteLabel)} is at ${refusal.hostname}, which is not a public internet address. APIcenter only connects to public addresses: check the address in the connection settings.`,
    {
      params: { remote: info.remote, host: refusal.hostname },
      details: { remote: info.remote, endpoint: info.endpoint, host: refusal.hostname },
      cause: refusal,
    },
  );
}

/** Network error codes from undici/Node, found on the error or its cause chain. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = asRecord(current)?.code;
    if (typeof code === "string") return code;
    current = asRecord(current)?.cause;
  }
  return undefined;
}

/** Codes that prove the request never reached the remote, so sending it again is safe. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

export function wasNeverSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

const HOST_NOT_FOUND = { reason: "hostNotFound", text: "the host name could not be found (check the address)" };
const BAD_CERTIFICATE = { reason: "certificate", text: "the server's HTTPS certificate is not valid" };

/**
 * The words for a failure that says something the tenant can fix: a name that does not resolve, or
 * a certificate that is not valid; `reason` names their translation (errors.REMOTE_NETWORK.network).
 * Everything else (refused, reset, unreachable, connect timeout) gets undefined, so the caller uses
 * the one wording that does not tell them apart.
 */
const NETWORK_REASONS: Record<string, { reason: string; text: string }> = {
  ENOTFOUND: HOST_NOT_FOUND,
  EAI_AGAIN: HOST_NOT_FOUND,
  CERT_HAS_EXPIRED: BAD_CERTIFICATE,
  DEPTH_ZERO_SELF_SIGNED_CERT: BAD_CERTIFICATE,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: BAD_CERTIFICATE,
  ERR_TLS_CERT_ALTNAME_INVALID: BAD_CERTIFICATE,
  SELF_SIGNED_CERT_IN_CHAIN: BAD_CERTIFICATE,
};

function describeNetworkError(error: unknown): { reason: string; text: string } | undefined {
  const code = networkErrorCode(error);
  return code !== undefined && Object.hasOwn(NETWORK_REASONS, code) ? NETWORK_REASONS[code] : undefined;
}
