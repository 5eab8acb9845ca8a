import { createHash } from "node:crypto";
import { fetch as undiciFetch } from "undici";
import { z } from "zod";
import { AppError } from "../errors";
import { recordRemoteAttempt } from "../metrics/metrics";
import { describeZodError, fieldErrorsOf } from "../validation";
import { adaptiveLimitFor, isOverloadStatus, requestClassOf, type LimitOutcome } from "./adaptive-concurrency";
import type { CallMeter } from "./meter";
import { outboundDispatcher, outboundRefusalOf } from "./outbound";
import { RateLimitedUntil, rateLimiterFor, sleep, type KeyRateLimiter } from "./pacing";
import {
  appErrorFromRefusal,
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
 * The one fetch wrapper every connector uses, and the only code that sends requests to a
 * tenant-given host: every request goes through the outbound guard (./outbound.ts), follows at
 * most MAX_REDIRECTS redirects by hand (each hop checked again), reads at most `maxBytes` of the
 * answer, and ends by a timeout per attempt and a deadline per request. On top: retries with
 * backoff for idempotent requests, Retry-After and X-RateLimit pacing per `${tenantId}:${remote}`,
 * a concurrency limit per `${tenantId}:${origin}` learned from the remote's latency and overload
 * answers (./adaptive-concurrency.ts), call metering, and AppErrors with plain messages and masked
 * details. A request first waits for its pacing slot (the budget), then for a concurrency permit
 * (the remote's capacity), and holds the permit only while it is on the wire.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 4;
/** All attempts and waits of one request together. */
export const DEFAULT_DEADLINE_MS = 5 * 60_000;
/** The largest answer read (JSON pages); images ask for less. */
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What a sync run (or the "test connection" route) hands to every client it creates. */
export interface RemoteCallContext {
  tenantId: string;
  meter?: CallMeter;
  /** Per attempt. */
  timeoutMs?: number;
  /** All attempts of one request, waits included (default DEFAULT_DEADLINE_MS). */
  deadlineMs?: number;
  /**
   * The longest a request may wait for its pacing slot (e.g. after a 429 with a long Retry-After);
   * beyond it the request fails at once with REMOTE_RATE_LIMITED. The web process sets it low.
   */
  maxWaitMs?: number;
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
  /** Answers longer than this are refused while streaming (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxBytes?: number;
}

export interface RemoteResponse {
  status: number;
  headers: Headers;
  url: string;
  endpoint: string;
  /** The remote's id ("cscart", "visma" ...), which names it in translated errors. */
  remote?: string;
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
    const deadlineAtMs = Date.now() + (this.context.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const backoff = this.context.backoff ?? DEFAULT_BACKOFF;
    const body = requestBody(request);
    const maxBytes = request.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    // No wait longer than this: beyond it the request fails at once, so a Retry-After of minutes
    // never leaves a worker slot or a web request asleep (the caller reschedules on details.retryAt).
    const maxWaitMs = Math.min(this.context.maxWaitMs ?? Number.POSITIVE_INFINITY, backoff.maxDelayMs);
    // Identical failing reads are spaced (Visma.net has throttled a GET repeated many times a
    // minute); writes are not repeated blindly anyway, and a retry a person asks for must go out.
    // "Identical" is this tenant's call to the same remote, method, URL and body.
    const repeatKey =
      policy === "idempotent" && (request.method === "GET" || request.method === "HEAD")
        ? `${this.context.tenantId}:${this.remote}:${request.method} ${url.toString()}${body === undefined ? "" : ` ${createHash("sha256").update(body).digest("hex")}`}`
        : undefined;
    const concurrency = adaptiveLimitFor(`${this.context.tenantId}:${url.origin}`);
    const requestClass = requestClassOf(request.method, url.pathname);
    const heldMs = repeatKey ? repeatedFailures.waitBeforeRepeatMs(repeatKey) : 0;
    if (heldMs > maxWaitMs) throw appErrorRepeatedFailure(info, Date.now() + heldMs);
    if (heldMs > 0) await sleep(heldMs, this.context.signal);

    for (let attempt = 1; ; attempt += 1) {
      const startedMs = Date.now();
      const attemptTimeoutMs = Math.max(1, Math.min(timeoutMs, deadlineAtMs - startedMs));
      const result = await this.limiter
        .schedule(
          async () => {
            const permit = await concurrency.acquire(this.context.signal);
            let outcome: LimitOutcome = { kind: "ignore" };
            try {
              this.context.meter?.recordCall(this.remote);
              const sentMs = Date.now();
              const attempt = await attemptOnce(
                info,
                url,
                { method: request.method, headers, body },
                { timeoutMs: attemptTimeoutMs, maxBytes },
                this.context.signal,
              );
              outcome = limitOutcomeOf(attempt, requestClass, Date.now() - sentMs);
              return attempt;
            } finally {
              permit.release(outcome);
            }
          },
          this.context.signal,
          maxWaitMs,
        )
        .catch((error: unknown) => {
          throw error instanceof RateLimitedUntil ? appErrorRateLimitedUntil(info, error.untilMs) : error;
        });

      if (result.kind === "response") {
        this.limiter.updateFromHeaders(result.response.headers);
        const { status } = result.response;
        if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) {
          this.emit({ info, attempt, status, outcome: "ok", startedMs, willRetry: false });
          return { ...result.response, endpoint: info.endpoint, remote: info.remote };
        }
        const retryAfterMs = parseRetryAfterMs(result.response.headers.get("retry-after"));
        if (status === 429) {
          this.context.meter?.recordRateLimited(this.remote);
          if (retryAfterMs !== undefined) this.limiter.blockFor(retryAfterMs);
        }
        this.context.meter?.recordFailure(this.remote);
        const outcome: AttemptOutcome = { kind: "response", status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        const delayMs = this.retryDelay(decideRetry({ outcome, attempt, maxAttempts, policy, backoff }), outcome, repeatKey, { deadlineAtMs, maxWaitMs });
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
      const delayMs = this.retryDelay(decideRetry({ outcome, attempt, maxAttempts, policy, backoff }), outcome, repeatKey, { deadlineAtMs, maxWaitMs });
      this.emit({ info, attempt, outcome: result.kind, startedMs, willRetry: delayMs !== undefined });
      if (delayMs !== undefined) {
        await this.waitBeforeRetry(delayMs);
        continue;
      }
      throw appErrorFromTransportFailure(info, {
        kind: result.kind,
        outcomeUnknown: policy === "never" && result.sent,
        timeoutMs: attemptTimeoutMs,
        cause: result.error,
      });
    }
  }

  /**
   * The wait before the next attempt, or undefined for none: the retry decision's backoff, stretched
   * so the identical request is not repeated more than a few times a minute. No retry starts after
   * the request's deadline, nor after a wait longer than the caller allows.
   */
  private retryDelay(
    decision: RetryDecision,
    outcome: AttemptOutcome,
    repeatKey: string | undefined,
    limits: { deadlineAtMs: number; maxWaitMs: number },
  ): number | undefined {
    if (repeatKey && countsAsRepeatedFailure(outcome)) repeatedFailures.recordFailure(repeatKey);
    if (!decision.retry) return undefined;
    const spacingMs = repeatKey ? repeatedFailures.waitBeforeRepeatMs(repeatKey) : 0;
    const delayMs = Math.max(decision.delayMs, spacingMs);
    if (delayMs > limits.maxWaitMs || Date.now() + delayMs >= limits.deadlineAtMs) return undefined;
    return delayMs;
  }

  private async waitBeforeRetry(delayMs: number): Promise<void> {
    this.context.meter?.recordRetry(this.remote);
    await sleep(delayMs, this.context.signal);
  }

  private emit(input: { info: RemoteCallInfo; attempt: number; status?: number; outcome: HttpEvent["outcome"]; startedMs: number; willRetry: boolean }) {
    const event: HttpEvent = {
      remote: input.info.remote,
      endpoint: redactText(input.info.endpoint),
      attempt: input.attempt,
      ...(input.status !== undefined ? { status: input.status } : {}),
      outcome: input.outcome,
      durationMs: Date.now() - input.startedMs,
      willRetry: input.willRetry,
    };
    recordRemoteAttempt(event);
    this.context.onEvent?.(event);
  }
}

/**
 * What an attempt tells the concurrency limit: a latency sample, an overload, or nothing (429 is
 * the pacing's; another 5xx is a failure whose timing says nothing about the remote's queue).
 */
function limitOutcomeOf(attempt: AttemptResult, requestClass: string, rttMs: number): LimitOutcome {
  if (attempt.kind !== "response") return attempt.kind === "timeout" ? { kind: "overload" } : { kind: "ignore" };
  const { status } = attempt.response;
  if (isOverloadStatus(status)) return { kind: "overload" };
  if (status === 429 || status >= 500) return { kind: "ignore" };
  return { kind: "answer", requestClass, rttMs };
}

type AttemptResult = { kind: "response"; response: Omit<RemoteResponse, "endpoint"> } | { kind: "timeout" | "network"; sent: boolean; error: unknown };

type SendInit = { method: HttpMethod; headers: Record<string, string>; body: string | undefined };

async function attemptOnce(
  info: RemoteCallInfo,
  url: URL,
  init: SendInit,
  limits: { timeoutMs: number; maxBytes: number },
  callerSignal: AbortSignal | undefined,
): Promise<AttemptResult> {
  const timeoutSignal = AbortSignal.timeout(limits.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  try {
    const { response, finalUrl } = await fetchFollowingRedirects(info, url, init, signal);
    // The body is read under the same timeout: a remote that stalls mid-body counts as a timeout.
    const body = await readBodyCapped(info, response, limits.maxBytes);
    return {
      kind: "response",
      response: {
        status: response.status,
        headers: new Headers([...response.headers]),
        url: finalUrl.toString(),
        body,
        text: () => new TextDecoder().decode(body),
      },
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (callerSignal?.aborted) throw callerSignal.reason;
    const refusal = outboundRefusalOf(error);
    if (refusal) throw appErrorFromRefusal(info, refusal);
    // A timeout can strike after the request was written; assume it arrived.
    if (timeoutSignal.aborted) return { kind: "timeout", sent: true, error };
    return { kind: "network", sent: !wasNeverSent(error), error };
  }
}

/**
 * Sends through the guarded dispatcher and follows redirects by hand: each hop is a new request
 * whose connection the guard checks again. Only GET and HEAD follow; credentials are dropped when
 * a hop leaves the origin (an upgrade from http to https on the same host and port keeps them).
 */
async function fetchFollowingRedirects(info: RemoteCallInfo, url: URL, init: SendInit, signal: AbortSignal) {
  let current = url;
  let headers = init.headers;
  for (let hop = 0; ; hop += 1) {
    const response = await undiciFetch(current, {
      method: init.method,
      headers,
      body: init.body,
      signal,
      redirect: "manual",
      dispatcher: outboundDispatcher(),
    });
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return { response, finalUrl: current };
    await response.body?.cancel();
    const who = capitalized(info.remoteLabel);
    if (init.method !== "GET" && init.method !== "HEAD") {
      throw new AppError(
        "REMOTE_BAD_RESPONSE",
        `${who} answered ${info.endpoint} with a redirect (HTTP ${response.status}); APIcenter does not send a ${init.method} on to another address. Check the address in the connection settings.`,
        {
          params: { variant: "redirectedWrite", remote: info.remote, endpoint: info.endpoint, redirectStatus: response.status, method: init.method },
          details: { remote: info.remote, endpoint: info.endpoint, status: response.status },
        },
      );
    }
    const next = URL.canParse(location, current) ? new URL(location, current) : undefined;
    if (!next || (next.protocol !== "http:" && next.protocol !== "https:") || hop >= MAX_REDIRECTS) {
      const why = next && hop >= MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} times` : "to an address that is not http(s)";
      throw new AppError("REMOTE_BAD_RESPONSE", `${who} redirected ${info.endpoint} ${why}. Check the address in the connection settings.`, {
        params:
          next && hop >= MAX_REDIRECTS
            ? { variant: "tooManyRedirects", remote: info.remote, endpoint: info.endpoint, max: MAX_REDIRECTS }
            : { variant: "redirectNotHttp", remote: info.remote, endpoint: info.endpoint },
        details: { remote: info.remote, endpoint: info.endpoint, status: response.status, redirects: hop + 1 },
      });
    }
    if (!keepsCredentials(current, next)) headers = withoutCredentials(headers);
    current = next;
  }
}

function keepsCredentials(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  const upgrade = from.protocol === "http:" && to.protocol === "https:" && from.hostname === to.hostname && !from.port && !to.port;
  return upgrade;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !["authorization", "cookie", "ipp-company-id"].includes(name.toLowerCase())));
}

/** Reads the body, refusing (and cancelling) it as soon as it passes `maxBytes`. */
async function readBodyCapped(info: RemoteCallInfo, response: Awaited<ReturnType<typeof undiciFetch>>, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError(
      "REMOTE_BAD_RESPONSE",
      `${capitalized(info.remoteLabel)} sent more than ${formatBytes(maxBytes)} in answer to ${info.endpoint}; APIcenter stopped reading there.`,
      {
        params: { variant: "tooLarge", remote: info.remote, endpoint: info.endpoint, size: formatBytes(maxBytes) },
        details: { remote: info.remote, endpoint: info.endpoint, status: response.status, maxBytes },
      },
    );
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop by throwing cancels the stream, which closes the connection.
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
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
    // The body itself is not quoted: it may be any page at all (a login wall, a proxy's error).
    throw new AppError("REMOTE_BAD_RESPONSE", `${capitalized(remoteLabel)} sent an answer to ${response.endpoint} that is not valid JSON.`, {
      params: { variant: "notJson", remote: response.remote ?? null, endpoint: response.endpoint },
      details: { endpoint: response.endpoint, status: response.status, contentType: response.headers.get("content-type"), bytes: response.body.length },
    });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "REMOTE_BAD_RESPONSE",
    `${capitalized(remoteLabel)} sent an answer to ${response.endpoint} in an unexpected shape: ${describeZodError(parsed.error)}`,
    {
      // The problem is the schema's own (English) wording of fields and values: for support more than for the shop owner.
      params: { variant: "unexpectedShape", remote: response.remote ?? null, endpoint: response.endpoint, problem: describeZodError(parsed.error) },
      details: redact({ endpoint: response.endpoint, status: response.status, fields: fieldErrorsOf(parsed.error) }),
    },
  );
}

/** Sends the request and parses the body with `schema`. */
export async function requestJson<S extends z.ZodType>(schema: S, client: HttpClient, request: HttpRequest): Promise<z.output<S>> {
  const response = await client.send(request);
  return parseResponseJson(schema, response, client.remoteLabel);
}
