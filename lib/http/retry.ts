/**
 * Retry decisions for one request, kept pure so they can be tested without a network.
 *
 * Only idempotent requests are retried: GET/HEAD, PUT with If-Match, and requests the caller marks
 * `retry: "idempotent"` (the token POST, CS-Cart PUTs that set absolute values). A POST that may
 * have reached the remote is never sent again here; the caller gets `outcomeUnknown` and decides.
 */

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RetryPolicy = "never" | "idempotent";

/** What happened to one attempt. `sent: false` means the request provably never left this machine. */
export type AttemptOutcome =
  { kind: "response"; status: number; retryAfterMs?: number } | { kind: "timeout"; sent: boolean } | { kind: "network"; sent: boolean };

export interface BackoffOptions {
  /** First retry waits up to this long (full jitter: a random time between 0 and the cap). */
  baseDelayMs: number;
  /** No single wait is longer than this (Retry-After beyond it gives up instead). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 250, maxDelayMs: 30_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/** The policy that applies when the caller does not choose one. */
export function defaultRetryPolicy(method: HttpMethod, headers: Record<string, string> = {}): RetryPolicy {
  if (method === "GET" || method === "HEAD") return "idempotent";
  const hasIfMatch = Object.keys(headers).some((name) => name.toLowerCase() === "if-match");
  if (method === "PUT" && hasIfMatch) return "idempotent";
  return "never";
}

/** Statuses worth another try: throttling and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/** Exponential backoff with full jitter: random in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * cap);
}

/**
 * Parses Retry-After: either delta seconds ("120") or an HTTP date. Returns milliseconds from
 * `nowMs`, never negative, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/**
 * Decides whether attempt number `attempt` (1-based) is followed by another one.
 * A request the remote never saw (`sent: false`, e.g. connection refused) is safe to send again
 * whatever the policy.
 */
export function decideRetry(input: {
  outcome: AttemptOutcome;
  attempt: number;
  maxAttempts: number;
  policy: RetryPolicy;
  backoff?: BackoffOptions;
  random?: () => number;
}): RetryDecision {
  const { outcome, attempt, maxAttempts, policy } = input;
  const backoff = input.backoff ?? DEFAULT_BACKOFF;
  if (attempt >= maxAttempts) return { retry: false, reason: "no attempts left" };

  const neverSent = outcome.kind !== "response" && !outcome.sent;
  // A 429 is refused before the remote does anything, so even a POST may be sent again.
  const refusedUnprocessed = outcome.kind === "response" && outcome.status === 429;
  if (policy === "never" && !neverSent && !refusedUnprocessed) return { retry: false, reason: "request is not idempotent" };
  if (outcome.kind === "response" && !isRetryableStatus(outcome.status)) {
    return { retry: false, reason: `status ${outcome.status} is final` };
  }

  const jittered = backoffDelayMs(attempt, backoff, input.random);
  if (outcome.kind === "response" && outcome.retryAfterMs !== undefined) {
    if (outcome.retryAfterMs > backoff.maxDelayMs) return { retry: false, reason: "remote asks to wait longer than allowed" };
    // The remote said when; add a little jitter so parallel workers do not return at the same instant.
    return { retry: true, delayMs: outcome.retryAfterMs + Math.floor(jittered / 4) };
  }
  return { retry: true, delayMs: jittered };
}

/**
 * Spaces repeats of an identical failing request (same tenant, remote, method and URL): at most
 * `maxPerWindow` of them fail within `windowMs`, then it is held back until the oldest failure leaves
 * the window (docs/api-facts.md, "Retries"). Visma.net has throttled clients that repeat a failing
 * GET many times a minute. Failures the remote itself times (429 with Retry-After) are left to the
 * pacing; answers that are final (4xx) are not failures of this kind.
 */
export class RepeatedFailures {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxPerWindow = 3,
    readonly windowMs = 60_000,
  ) {}

  private recent(key: string, nowMs: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((time) => time > nowMs - this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  recordFailure(key: string, nowMs: number = Date.now()): void {
    this.failures.set(key, [...this.recent(key, nowMs), nowMs]);
    // Forget keys that stopped failing long ago, so the map stays small.
    if (this.failures.size > 10_000) for (const other of [...this.failures.keys()]) this.recent(other, nowMs);
  }

  /** How long `key` must wait before it may be sent again (0: now). */
  waitBeforeRepeatMs(key: string, nowMs: number = Date.now()): number {
    const times = this.recent(key, nowMs);
    if (times.length < this.maxPerWindow) return 0;
    return times[times.length - this.maxPerWindow]! + this.windowMs - nowMs;
  }
}

/** True for the failures RepeatedFailures counts: server errors, timeouts, dropped connections. */
export function countsAsRepeatedFailure(outcome: AttemptOutcome): boolean {
  if (outcome.kind !== "response") return true;
  return outcome.status !== 429 && isRetryableStatus(outcome.status);
}
