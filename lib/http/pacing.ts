import pLimit, { type LimitFunction } from "p-limit";

/**
 * Client-side pacing from the remote's own rate-limit headers, so a run slows down before the
 * remote answers 429 instead of after.
 *
 * While plenty of calls remain, requests go out at once. When the remaining calls fall to the
 * low-water mark, the rest of the budget is spread evenly over the time left in the window
 * (window / remaining between request starts). With no calls left, it waits for the reset.
 */

export interface RateLimitState {
  /** Calls left in the current window, as last reported (minus calls started since). */
  remaining: number;
  /** When the window resets (epoch ms). */
  resetAtMs: number;
  /** The window's total budget, when the remote reports it. */
  limit?: number;
}

export interface PacingPolicy {
  /** Pacing starts when remaining ≤ max(minLowWater, lowWaterFraction × limit). */
  lowWaterFraction: number;
  minLowWater: number;
}

export const DEFAULT_PACING: PacingPolicy = { lowWaterFraction: 0.2, minLowWater: 20 };

/** True when the remaining budget is small enough that requests must be spread out. */
export function isBudgetLow(state: RateLimitState, policy: PacingPolicy = DEFAULT_PACING): boolean {
  const lowWater = Math.max(policy.minLowWater, state.limit === undefined ? 0 : Math.ceil(state.limit * policy.lowWaterFraction));
  return state.remaining <= lowWater;
}

/**
 * The earliest time (epoch ms) the next request may start.
 * @param lastStartMs when the previous request on this key started (or was scheduled to start)
 */
export function nextRequestStartMs(
  state: RateLimitState | undefined,
  lastStartMs: number | undefined,
  nowMs: number,
  policy: PacingPolicy = DEFAULT_PACING,
): number {
  if (!state || state.resetAtMs <= nowMs) return nowMs; // no information, or the window is over
  if (state.remaining <= 0) return state.resetAtMs;
  if (!isBudgetLow(state, policy)) return nowMs;
  const intervalMs = (state.resetAtMs - nowMs) / state.remaining;
  return Math.max(nowMs, (lastStartMs ?? -Infinity) + intervalMs);
}

/** Reads X-RateLimit-* headers. Reset is seconds until reset; a value that looks like epoch seconds is taken as such. */
export function parseRateLimitHeaders(headers: Headers, nowMs: number = Date.now()): RateLimitState | undefined {
  const remainingText = headers.get("x-ratelimit-remaining");
  const resetText = headers.get("x-ratelimit-reset");
  if (remainingText === null || resetText === null) return undefined;
  const remaining = Number(remainingText);
  const reset = Number(resetText);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  const resetAtMs = reset > 1_000_000_000 ? reset * 1000 : nowMs + reset * 1000;
  const limit = Number(headers.get("x-ratelimit-limit") ?? Number.NaN);
  return { remaining: Math.max(0, Math.floor(remaining)), resetAtMs, ...(Number.isFinite(limit) ? { limit } : {}) };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The remote's budget allows the next request only at `untilMs` (epoch ms); nothing was sent. */
export class RateLimitedUntil extends Error {
  constructor(readonly untilMs: number) {
    super(`rate-limited until ${new Date(untilMs).toISOString()}`);
    this.name = "RateLimitedUntil";
  }
}

/**
 * The shared pacing state of one key (`${tenantId}:${remote}`): every client of that key in this
 * process goes through the same limiter, so two runs of one tenant do not each spend the budget.
 */
export class KeyRateLimiter {
  private state: RateLimitState | undefined;
  private lastStartMs: number | undefined;
  private blockedUntilMs = 0;
  private readonly limit: LimitFunction | undefined;

  constructor(
    readonly key: string,
    maxConcurrency?: number,
    private readonly policy: PacingPolicy = DEFAULT_PACING,
  ) {
    this.limit = maxConcurrency && maxConcurrency > 0 ? pLimit(maxConcurrency) : undefined;
  }

  /**
   * Runs `task` within the key's concurrency limit, after waiting for its pacing slot. A slot further
   * away than `maxWaitMs` is not waited for: RateLimitedUntil is thrown and nothing is sent, so a
   * Retry-After of minutes never leaves a worker slot (or a web request) asleep.
   */
  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<T> {
    const run = async () => {
      await this.waitForSlot(signal, maxWaitMs);
      return task();
    };
    return this.limit ? this.limit(run) : run();
  }

  private async waitForSlot(signal: AbortSignal | undefined, maxWaitMs: number): Promise<void> {
    const nowMs = Date.now();
    const startMs = Math.max(nextRequestStartMs(this.state, this.lastStartMs, nowMs, this.policy), this.blockedUntilMs);
    if (startMs - nowMs > maxWaitMs) throw new RateLimitedUntil(startMs);
    // Reserve the slot before sleeping so concurrent callers queue behind it.
    this.lastStartMs = startMs;
    if (this.state && this.state.remaining > 0) this.state = { ...this.state, remaining: this.state.remaining - 1 };
    await sleep(startMs - nowMs, signal);
  }

  /** Takes the remote's latest view of the budget from a response. */
  updateFromHeaders(headers: Headers, nowMs: number = Date.now()): void {
    const parsed = parseRateLimitHeaders(headers, nowMs);
    if (parsed) this.state = parsed;
  }

  /** After a 429: nobody on this key sends anything before `retryAfterMs` has passed. */
  blockFor(retryAfterMs: number, nowMs: number = Date.now()): void {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, nowMs + retryAfterMs);
  }
}

const limiters = new Map<string, KeyRateLimiter>();

/** The one limiter of a key in this process. The first caller's max concurrency wins. */
export function rateLimiterFor(key: string, maxConcurrency?: number): KeyRateLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new KeyRateLimiter(key, maxConcurrency);
    limiters.set(key, limiter);
  }
  return limiter;
}
