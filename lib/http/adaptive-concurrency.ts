/**
 * How many requests go to one remote at once, learned from the remote itself (docs/performance.md,
 * "Adaptive concurrency"). A shop on shared hosting has a handful of PHP workers; Visma.net has its
 * own limits. A fixed setting is either too low for a strong server or tips a weak one over.
 *
 * The limit starts low and follows a latency-based rule in the manner of TCP Vegas:
 * - every window (about one round of requests) it estimates the standing queue at the remote:
 *   the smallest extra delay any request of the window met (its time minus the fastest time seen
 *   for its kind of request: heavy and light requests are compared each with its own kind), times
 *   the rate at which answers come back (Little's law: queue = wait × throughput);
 * - while that queue is short and the limit is actually used, the limit grows (by half per window
 *   until a queue of half a request shows, then by one per window); when the queue is long it shrinks;
 * - an overload answer (502, 503, 504, 508) or a timeout halves it at once, once per window.
 * Taking the smallest delay of a window makes the rule blind to a mix of cheap and dear requests
 * (only waiting delays every request) and sees a queue only while one stands.
 *
 * No maintained npm package does this (p-limit and bottleneck take a fixed number), so it is this
 * small class; time comes from an injectable clock so tests drive it without waiting.
 */

export type AdaptiveLimitOptions = {
  initialLimit: number;
  minLimit: number;
  maxLimit: number;
  /** The fastest time per kind of request is forgotten after this long (the remote may have changed). */
  minRttMemoryMs: number;
  now: () => number;
};

export const DEFAULT_ADAPTIVE_LIMIT: AdaptiveLimitOptions = { initialLimit: 4, minLimit: 1, maxLimit: 64, minRttMemoryMs: 60_000, now: () => Date.now() };

/** How a request ended, as far as the remote's load is concerned. */
export type LimitOutcome =
  /** An answer (any status that says nothing about load): its time is a latency sample. */
  | { kind: "answer"; requestClass: string; rttMs: number }
  /** The remote is overloaded: 502/503/504/508, or no answer within the timeout. */
  | { kind: "overload" }
  /** Tells nothing (cancelled, refused by our own guard, connection refused, 429 handled by pacing). */
  | { kind: "ignore" };

/** Statuses a server sends when it has no capacity left (508: CloudLinux's "Resource Limit Is Reached"). */
export function isOverloadStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504 || status === 508;
}

/** Kind of request for latency comparison: method and the first resource name in the path (versions and "api" skipped). */
export function requestClassOf(method: string, pathname: string): string {
  const resource = pathname
    .split("/")
    .filter(Boolean)
    .find((segment) => !/^(api|v?\d+(\.\d+)*)$/i.test(segment));
  return `${method} ${(resource ?? "").toLowerCase()}`;
}

type Waiter = { resolve(permit: Permit): void; reject(reason: unknown): void; signal?: AbortSignal; onAbort?: () => void };

/** One admitted request; release it exactly once with how it ended. */
export type Permit = { release(outcome: LimitOutcome): void };

/** Fastest time per kind of request over two consecutive memory periods. */
class MinRtt {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private periodStartMs: number;

  constructor(
    private readonly memoryMs: number,
    nowMs: number,
  ) {
    this.periodStartMs = nowMs;
  }

  observe(requestClass: string, rttMs: number, nowMs: number): number {
    if (nowMs - this.periodStartMs >= this.memoryMs) {
      this.previous = this.current;
      this.current = new Map();
      this.periodStartMs = nowMs;
    }
    this.current.set(requestClass, Math.min(this.current.get(requestClass) ?? Number.POSITIVE_INFINITY, rttMs));
    return Math.min(this.current.get(requestClass)!, this.previous.get(requestClass) ?? Number.POSITIVE_INFINITY);
  }
}

export class AdaptiveConcurrencyLimit {
  private limitValue: number;
  private inFlightCount = 0;
  private readonly waiters: Waiter[] = [];
  private readonly options: AdaptiveLimitOptions;
  private readonly minRtt: MinRtt;
  /** Until the first sign of congestion the limit grows by half per window, then by one. */
  private slowStart = true;
  // The current window.
  private windowStartMs: number;
  private windowAnswers = 0;
  private windowMinDelayMs = Number.POSITIVE_INFINITY;
  private windowPeakInFlight = 0;
  /** Bumped at every decrease: requests started before it do not cause another one. */
  private generation = 0;

  constructor(options: Partial<AdaptiveLimitOptions> = {}) {
    this.options = { ...DEFAULT_ADAPTIVE_LIMIT, ...options };
    this.limitValue = Math.min(this.options.maxLimit, Math.max(this.options.minLimit, this.options.initialLimit));
    this.windowStartMs = this.options.now();
    this.minRtt = new MinRtt(this.options.minRttMemoryMs, this.windowStartMs);
  }

  /** Requests allowed at once now. */
  get limit(): number {
    return Math.floor(this.limitValue);
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** A permit now, or undefined when the limit is reached (callers that cannot wait). */
  tryAcquire(): Permit | undefined {
    if (this.waiters.length > 0 || this.inFlightCount >= this.limit) return undefined;
    return this.grant();
  }

  /** Waits (first come, first served) for a permit; rejects with the signal's reason when aborted. */
  acquire(signal?: AbortSignal): Promise<Permit> {
    const permit = this.tryAcquire();
    if (permit) return Promise.resolve(permit);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  private grant(): Permit {
    this.inFlightCount += 1;
    this.windowPeakInFlight = Math.max(this.windowPeakInFlight, this.inFlightCount);
    const generation = this.generation;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.inFlightCount -= 1;
        this.record(outcome, generation);
        this.wakeWaiters();
      },
    };
  }

  private wakeWaiters(): void {
    while (this.waiters.length > 0 && this.inFlightCount < this.limit) {
      const waiter = this.waiters.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(this.grant());
    }
  }

  private record(outcome: LimitOutcome, generation: number): void {
    const nowMs = this.options.now();
    if (outcome.kind === "overload") {
      // Once per window of requests: the other overloads of the same burst were sent under the old limit.
      if (generation === this.generation) this.decrease(0.5, nowMs);
      return;
    }
    if (outcome.kind !== "answer") return;
    const fastest = this.minRtt.observe(outcome.requestClass, outcome.rttMs, nowMs);
    this.windowAnswers += 1;
    this.windowMinDelayMs = Math.min(this.windowMinDelayMs, Math.max(0, outcome.rttMs - fastest));
    // A window is about one round of requests, and at least a few answers.
    if (this.windowAnswers >= Math.max(8, this.limit) && nowMs > this.windowStartMs) this.closeWindow(nowMs);
  }

  private closeWindow(nowMs: number): void {
    const answersPerMs = this.windowAnswers / (nowMs - this.windowStartMs);
    const queue = this.windowMinDelayMs * answersPerMs;
    const limit = this.limitValue;
    // Vegas' thresholds: a standing queue of a few requests keeps the remote busy without piling up.
    const low = Math.max(1, limit / 10);
    const high = Math.max(2, limit / 5);
    const used = this.windowPeakInFlight >= this.limit;
    if (queue > high) {
      this.decrease(0.9, nowMs);
      return;
    }
    // Slow start ends at the first standing queue of half a request: past it, the remote's backlog
    // may be short, and a step of half the limit would overrun it.
    if (queue >= 0.5) this.slowStart = false;
    if (queue < low && used) this.limitValue = Math.min(this.options.maxLimit, this.slowStart ? limit * 1.5 : limit + 1);
    this.startWindow(nowMs);
    this.wakeWaiters();
  }

  private decrease(factor: number, nowMs: number): void {
    this.slowStart = false;
    this.limitValue = Math.max(this.options.minLimit, Math.min(this.limitValue * factor, this.limitValue - 1));
    this.generation += 1;
    this.startWindow(nowMs);
  }

  private startWindow(nowMs: number): void {
    this.windowStartMs = nowMs;
    this.windowAnswers = 0;
    this.windowMinDelayMs = Number.POSITIVE_INFINITY;
    this.windowPeakInFlight = this.inFlightCount;
  }
}

const limits = new Map<string, AdaptiveConcurrencyLimit>();

/**
 * The one limit of a key in this process: `${tenantId}:${origin}`. A tenant's shop is its own
 * host; Visma.net's host is shared by every tenant, whose companies are limited each on its own,
 * so one tenant's load never holds back another's. Each worker process learns its own limit, as
 * TCP connections share a link: each backs off when the remote shows strain.
 */
export function adaptiveLimitFor(key: string): AdaptiveConcurrencyLimit {
  let limit = limits.get(key);
  if (!limit) {
    limit = new AdaptiveConcurrencyLimit();
    limits.set(key, limit);
  }
  return limit;
}
