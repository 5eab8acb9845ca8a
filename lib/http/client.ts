import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";
import { describeZodError, fieldErrorsOf } from "../validation";
import type { CallMeter } from "./meter";
import { RateLimitedUntil, rateLimiterFor, sleep, type KeyRateLimiter } from "./pacing";
import {
  appErrorFromResponse,
  appErrorFromTransportFailure,
  appErrorRateLimitedUntil,
  appErrorRepeatedFailure,
  capitalized,
  wasNeverSent,
  type RemoteCallInfo,
} from "./remote-errors";
import { redact, redactText } from "./redact";
import {
  countsAsRepeatedFailure,
  DEFAULT_BACKOFF,
  decideRetry,
  defaultRetryPolicy,
  parseRetryAfterMs,
  RepeatedFailures,
  type AttemptOutcome,
  type BackoffOptions,
  type HttpMethod,
  type RetryDecision,
  type RetryPolicy,
} from "./retry";

/**
 * The one fetch wrapper every connector uses: timeout per attempt, retries with backoff for
 * idempotent requests, Retry-After and X-RateLimit pacing per `${tenantId}:${remote}`, call
 * metering, and AppErrors with plain messages and masked details.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 4;

/** What a sync run (or the "test connection" route) hands to every client it creates. */
export interface RemoteCallContext {
  tenantId: string;
  meter?: CallMeter;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in total for retryable requests (1 = no retries). */
  maxAttempts?: number;
  /** Optional cap on parallel requests per tenant and remote. */
  maxConcurrency?: number;
  backoff?: BackoffOptions;
  /** Cancels waiting and in-flight requests (e.g. the job is shutting down). */
  signal?: AbortSignal;
  /** Receives one masked event per attempt, for the run log. */
  onEvent?: (event: HttpEvent) => void;
}

export interface HttpEvent {
  remote: string;
  endpoint: string;
  attempt: number;
  status?: number;
  outcome: "ok" | "http-error" | "timeout" | "network";
  durationMs: number;
  willRetry: boolean;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface HttpRequest {
  method: HttpMethod;
  url: string | URL;
  query?: QueryParams;
  headers?: Record<string, string>;
  /** JSON body (sets Content-Type: application/json). */
  json?: unknown;
  /** Form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  /** Defaults from the method: GET/HEAD and PUT with If-Match are idempotent, everything else "never". */
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Statuses to return instead of throwing, besides 2xx (e.g. 404 for a lookup). */
  acceptStatuses?: readonly number[];
}

export interface RemoteResponse {
  status: number;
  headers: Headers;
  url: string;
  endpoint: string;
  body: Uint8Array;
  text(): string;
}

/** `base` + `path` + query; arrays repeat the key, empty values are left out. */
export function buildUrl(base: string | URL, path = "", query: QueryParams = {}): URL {
  const baseText = base.toString().replace(/\/+$/, "");
  const url = new URL(path ? `${baseText}/${path.replace(/^\/+/, "")}` : baseText);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  return url;
}

/** Failures of identical requests in this process, so none is repeated more than a few times a minute. */
const repeatedFailures = new RepeatedFailures();

export class HttpClient {
  private readonly limiter: KeyRateLimiter;

  constructor(
    readonly context: RemoteCallContext,
    /** Short id for metering and the limiter key, e.g. "visma". */
    readonly remote: string,
    /** How messages name the remote, e.g. "Visma.net". */
    readonly remoteLabel: string,
  ) {
    this.limiter = rateLimiterFor(`${context.tenantId}:${remote}`, context.maxConcurrency);
  }

  /** Sends the request (with retries where safe) and returns a success response, or throws an AppError. */
  async send(request: HttpRequest): Promise<RemoteResponse> {
    const url = buildUrl(request.url, "", request.query);
    const info: RemoteCallInfo = { remote: this.remote, remoteLabel: this.remoteLabel, endpoint: `${request.method} ${url.pathname}` };
    const headers = requestHeaders(request);
    const policy = request.retry ?? defaultRetryPolicy(request.method, headers);
    // decideRetry applies the policy: a POST is only sent again when it provably was not processed.
    const maxAttempts = Math.max(1, this.context.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const timeoutMs = request.timeoutMs ?? this.context.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const backoff = this.context.backoff ?? DEFAULT_BACKOFF;
    const body = requestBody(request);
    // Requests we repeat on our own (GETs, idempotent writes) are spaced; a POST is never repeated
    // blindly anyway. "Identical" is this tenant's call to the same remote, method, URL and body.
    const repeatKey =
      policy === "idempotent"
        ? `${this.context.tenantId}:${this.remote}:${request.method} ${url.toString()}${body === undefined ? "" : ` ${createHash("sha256").update(body).digest("hex")}`}`
        : undefined;
    const heldMs = repeatKey ? repeatedFailures.waitBeforeRepeatMs(repeatKey) : 0;
    if (heldMs > backoff.maxDelayMs) throw appErrorRepeatedFailure(info, Date.now() + heldMs);
    if (heldMs > 0) await sleep(heldMs, this.context.signal);

    for (let attempt = 1; ; attempt += 1) {
      const startedMs = Date.now();
      const result = await this.limiter
        .schedule(
          () => {
            this.context.meter?.recordCall(this.remote);
            return attemptOnce(url, { method: request.method, headers, body }, timeoutMs, this.context.signal);
          },
          this.context.signal,
          backoff.maxDelayMs,
        )
        .catch((error: unknown) => {
          throw error instanceof RateLimitedUntil ? appErrorRateLimitedUntil(info, error.untilMs) : error;
        });

      if (result.kind === "response") {
        this.limiter.updateFromHeaders(result.response.headers);
        const { status } = result.response;
        if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) {
          this.emit({ info, attempt, status, outcome: "ok", startedMs, willRetry: false });
          return { ...result.response, endpoint: info.endpoint };
        }
        const retryAfterMs = parseRetryAfterMs(result.response.headers.get("retry-after"));
        if (status === 429) {
          this.context.meter?.recordRateLimited(this.remote);
          if (retryAfterMs !== undefined) this.limiter.blockFor(retryAfterMs);
        }
        this.context.meter?.recordFailure(this.remote);
        const outcome: AttemptOutcome = { kind: "response", status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        const delayMs = this.retryDelay(decideRetry({ outcome, attempt, maxAttempts, policy, backoff }), outcome, repeatKey, backoff);
        this.emit({ info, attempt, status, outcome: "http-error", startedMs, willRetry: delayMs !== undefined });
        if (delayMs !== undefined) {
          await this.waitBeforeRetry(delayMs);
          continue;
        }
        throw appErrorFromResponse(info, {
          status,
          bodyText: result.response.text(),
          retryAfterMs,
          // A 5xx on a POST may come after the remote saved it (gateway timeouts, late failures).
          outcomeUnknown: policy === "never" && status >= 500,
          ifMatch: headerValue(headers, "if-match"),
        });
      }

      this.context.meter?.recordFailure(this.remote);
      const outcome: AttemptOutcome = { kind: result.kind, sent: result.sent };
      const delayMs = this.retryDelay(decideRetry({ outcome, attempt, maxAttempts, policy, backoff }), outcome, repeatKey, backoff);
      this.emit({ info, attempt, outcome: result.kind, startedMs, willRetry: delayMs !== undefined });
      if (delayMs !== undefined) {
        await this.waitBeforeRetry(delayMs);
        continue;
      }
      throw appErrorFromTransportFailure(info, {
        kind: result.kind,
        outcomeUnknown: policy === "never" && result.sent,
        timeoutMs,
        cause: result.error,
      });
    }
  }

  /**
   * The wait before the next attempt, or undefined for none: the retry decision's backoff, stretched
   * so the identical request is not repeated more than a few times a minute; a stretch beyond the
   * longest allowed wait ends the retries.
   */
  private retryDelay(decision: RetryDecision, outcome: AttemptOutcome, repeatKey: string | undefined, backoff: BackoffOptions): number | undefined {
    if (repeatKey && countsAsRepeatedFailure(outcome)) repeatedFailures.recordFailure(repeatKey);
    if (!decision.retry) return undefined;
    const spacingMs = repeatKey ? repeatedFailures.waitBeforeRepeatMs(repeatKey) : 0;
    return spacingMs > backoff.maxDelayMs ? undefined : Math.max(decision.delayMs, spacingMs);
  }

  private async waitBeforeRetry(delayMs: number): Promise<void> {
    this.context.meter?.recordRetry(this.remote);
    await sleep(delayMs, this.context.signal);
  }

  private emit(input: { info: RemoteCallInfo; attempt: number; status?: number; outcome: HttpEvent["outcome"]; startedMs: number; willRetry: boolean }) {
    this.context.onEvent?.({
      remote: input.info.remote,
      endpoint: redactText(input.info.endpoint),
      attempt: input.attempt,
      ...(input.status !== undefined ? { status: input.status } : {}),
      outcome: input.outcome,
      durationMs: Date.now() - input.startedMs,
      willRetry: input.willRetry,
    });
  }
}

type AttemptResult =
  | { kind: "response"; response: Omit<RemoteResponse, "endpoint"> }
  | { kind: "timeout" | "network"; sent: boolean; error: unknown };

async function attemptOnce(
  url: URL,
  init: { method: HttpMethod; headers: Record<string, string>; body: string | undefined },
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<AttemptResult> {
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  try {
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal });
    // The body is read under the same timeout: a remote that stalls mid-body counts as a timeout.
    const body = new Uint8Array(await response.arrayBuffer());
    return {
      kind: "response",
      response: { status: response.status, headers: response.headers, url: response.url || url.toString(), body, text: () => new TextDecoder().decode(body) },
    };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    // A timeout can strike after the request was written; assume it arrived.
    if (timeoutSignal.aborted) return { kind: "timeout", sent: true, error };
    return { kind: "network", sent: !wasNeverSent(error), error };
  }
}

function requestHeaders(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (request.json !== undefined) headers["content-type"] = "application/json";
  if (request.form !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  return headers;
}

function requestBody(request: HttpRequest): string | undefined {
  if (request.json !== undefined) return JSON.stringify(request.json);
  if (request.form !== undefined) return new URLSearchParams(request.form).toString();
  return undefined;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

/** Parses a response body as JSON with `schema`; anything else is a REMOTE_BAD_RESPONSE naming the endpoint and fields. */
export function parseResponseJson<S extends z.ZodType>(schema: S, response: RemoteResponse, remoteLabel: string): z.output<S> {
  const bodyText = response.text();
  let value: unknown;
  try {
    value = bodyText.trim() === "" ? undefined : JSON.parse(bodyText);
  } catch {
    throw new AppError("REMOTE_BAD_RESPONSE", `${capitalized(remoteLabel)} sent an answer to ${response.endpoint} that is not valid JSON.`, {
      details: { endpoint: response.endpoint, status: response.status, bodyStart: redactText(bodyText.slice(0, 200)) },
    });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "REMOTE_BAD_RESPONSE",
    `${capitalized(remoteLabel)} sent an answer to ${response.endpoint} in an unexpected shape: ${describeZodError(parsed.error)}`,
    { details: redact({ endpoint: response.endpoint, status: response.status, fields: fieldErrorsOf(parsed.error) }) },
  );
}

/** Sends the request and parses the body with `schema`. */
export async function requestJson<S extends z.ZodType>(schema: S, client: HttpClient, request: HttpRequest): Promise<z.output<S>> {
  const response = await client.send(request);
  return parseResponseJson(schema, response, client.remoteLabel);
}
