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
  REMOTE_BAD_RESPONSE: "transient",
  // sync domain
  SKU_NOT_FOUND: "data",
  ORDER_INVALID: "data",
  RETRIES_EXHAUSTED: "data",
  CUSTOMER_INVALID: "data",
  INVENTORY_ITEM_INVALID: "data",
  MAPPING_INVALID: "configuration",
  JOB_PAYLOAD_INVALID: "configuration",
  INTERNAL: "transient",
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Values for an error's translated text; `variant` picks one of several texts under one code. Never secrets. */
export type ErrorParams = Record<string, string | number | boolean | null | string[]>;

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

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("INTERNAL", `Unexpected error: ${message}`, { cause: error });
}

/** The HTTP status a route handler answers for an error code. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case "VALIDATION_FAILED":
    case "JOB_PAYLOAD_INVALID":
    case "MAPPING_INVALID":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "TOO_MANY_ATTEMPTS":
      return 429;
    default:
      return 500;
  }
}
