/**
 * One error model for the whole product.
 *
 * Every failure that can reach a user, a run record or a ledger row is an AppError with
 * - a stable `code` (for tests, metrics and support),
 * - a user-facing `kind`, which decides what happens next:
 *     configuration: the tenant must change something (credentials, mapping, settings); no retry helps
 *     transient:     the remote or the network hiccuped; retrying later will likely work
 *     data:          this one record is wrong (unknown SKU, invalid address); fix the data, then retry it
 * - a plain-language `message` that names the problem, safe to show to a shop owner, in English;
 * - optional `params` (JSON-safe values). An error with params can be shown in the reader's language:
 *   the dashboard and e-mails look up `errors.<code>` (or `errors.<code>.<params.variant>`) in
 *   messages/*.json and fill in the params; without params, or for a code the files lack, the English
 *   message is shown. See docs/i18n.md.
 */
export type ErrorKind = "configuration" | "transient" | "data";

export const ERROR_CODES = {
  // input and access
  VALIDATION_FAILED: "data",
  NOT_FOUND: "data",
  FORBIDDEN: "configuration",
  UNAUTHENTICATED: "configuration",
  TOO_MANY_ATTEMPTS: "transient",
  // environment and setup
  ENV_INVALID: "configuration",
  ENCRYPTION_KEY_INVALID: "configuration",
  SECRET_DECRYPT_FAILED: "configuration",
  CONNECTION_MISSING: "configuration",
  /** A step of the setup checklist is open (where order export starts, the tax mapping, a dry run …). */
  SETUP_INCOMPLETE: "configuration",
  // remote calls
  REMOTE_AUTH_FAILED: "configuration",
  REMOTE_FORBIDDEN: "configuration",
  REMOTE_NOT_FOUND: "data",
  REMOTE_VALIDATION: "data",
  REMOTE_CONFLICT: "data",
  REMOTE_RATE_LIMITED: "transient",
  REMOTE_UNAVAILABLE: "transient",
  REMOTE_TIMEOUT: "transient",
  REMOTE_NETWORK: "transient",
  REMOTE_ADDRESS_REFUSED: "configuration",
  REMOTE_BAD_RESPONSE: "transient",
  // sync domain
  SKU_NOT_FOUND: "data",
  ORDER_INVALID: "data",
  RETRIES_EXHAUSTED: "data",
  CURSOR_INVALID: "configuration",
  CUSTOMER_INVALID: "data",
  INVENTORY_ITEM_INVALID: "data",
  MAPPING_INVALID: "configuration",
  JOB_PAYLOAD_INVALID: "configuration",
  /** A run whose worker stopped before it finished (stored on the run only; the work is picked up again). */
  RUN_INTERRUPTED: "transient",
  INTERNAL: "transient",
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Values for an error's translated text; `variant` picks one of several texts under one code. Never secrets. */
export type ErrorParams = { [key: string]: ParamValue };
export type ParamValue = string | number | boolean | null | string[] | QuotedError | QuotedDate;
/** An error quoted inside another text (a run log line, RETRIES_EXHAUSTED's last error): it is worded in the reader's language too. */
export type QuotedError = { code: string; message: string; params?: ErrorParams };
/** A moment (ISO 8601), shown in the reader's date format and time zone. */
export type QuotedDate = { dateTime: string };

export function quoteError(error: { code: string; message: string; params?: ErrorParams }): QuotedError {
  return { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
}

export function quoteDate(date: Date): QuotedDate {
  return { dateTime: date.toISOString() };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** Extra structured detail (field errors, remote status). Must never hold secrets. */
  readonly details?: Record<string, unknown>;
  /** Fills the translated text of this error (see above); absent: the error is shown in English only. */
  readonly params?: ErrorParams;

  constructor(code: ErrorCode, message: string, options?: { details?: Record<string, unknown>; params?: ErrorParams; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.kind = ERROR_CODES[code];
    this.details = options?.details;
    this.params = options?.params;
  }

  get retryable(): boolean {
    return this.kind === "transient";
  }

  toJSON() {
    return {
      code: this.code,
      kind: this.kind,
      message: this.message,
      ...(this.params ? { params: this.params } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * Where an unexpected error's detail goes. This file is also bundled for the browser (forms check
 * input with the same schemas), so it imports no logger: the process logger (lib/logger.ts)
 * installs itself here on the server.
 */
let reportUnexpected: (error: unknown, reference: string) => void = (error, reference) => console.error(`[error ${reference}]`, error);

export function onUnexpectedError(report: (error: unknown, reference: string) => void): void {
  reportUnexpected = report;
}

/**
 * Wraps anything thrown into an AppError, keeping AppErrors as they are. The text of an unexpected
 * error may hold internals (SQL, file paths, a remote's raw body), so it is logged here, where it
 * happens (the server or worker), under a reference; the AppError carries only a generic message
 * and that reference, which is all a run record, a log line or a browser ever shows.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const reference = globalThis.crypto.randomUUID();
  reportUnexpected(error, reference);
  return new AppError("INTERNAL", `Something went wrong on our side (reference ${reference}). If it keeps happening, give support this reference.`, {
    cause: error,
    details: { reference },
    params: { reference },
  });
}

/**
 * The HTTP status a route answers for each code. Exhaustive: a new code must be given its status
 * here, or the type check fails. The remote's failures are gateway errors: the request was fine,
 * the system behind us was not.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOO_MANY_ATTEMPTS: 429,
  ENV_INVALID: 500,
  ENCRYPTION_KEY_INVALID: 500,
  SECRET_DECRYPT_FAILED: 500,
  CONNECTION_MISSING: 409,
  SETUP_INCOMPLETE: 409,
  REMOTE_AUTH_FAILED: 502,
  REMOTE_FORBIDDEN: 502,
  REMOTE_NOT_FOUND: 502,
  REMOTE_VALIDATION: 502,
  REMOTE_CONFLICT: 502,
  REMOTE_RATE_LIMITED: 503,
  REMOTE_UNAVAILABLE: 503,
  REMOTE_TIMEOUT: 504,
  REMOTE_NETWORK: 502,
  // Our own guard refused the tenant-given address: the connection settings must change.
  REMOTE_ADDRESS_REFUSED: 422,
  REMOTE_BAD_RESPONSE: 502,
  SKU_NOT_FOUND: 422,
  ORDER_INVALID: 422,
  RETRIES_EXHAUSTED: 422,
  CURSOR_INVALID: 500,
  CUSTOMER_INVALID: 422,
  INVENTORY_ITEM_INVALID: 422,
  MAPPING_INVALID: 400,
  JOB_PAYLOAD_INVALID: 400,
  RUN_INTERRUPTED: 500,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
