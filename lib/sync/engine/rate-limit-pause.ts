/**
 * A remote's "no requests before T" (docs/architecture.md, "Long rate-limit waits"). The HTTP layer
 * waits out short pauses itself (up to its backoff cap); a longer one arrives as REMOTE_RATE_LIMITED
 * with `details.retryAt`. A run that meets one stops taking records, gives the record back its
 * attempt, ends as RATE_LIMITED and a new run is queued for T: no worker slot sleeps through it,
 * and neither the records nor the "runs failing" alert count it as a failure.
 */
import { AppError } from "../../errors";

/** The HTTP layer's backoff cap: a shorter "retry at" was an ordinary transient failure (it gave up for other reasons). */
export const SHORTEST_PAUSE_MS = 30_000;

/** When the remote takes requests again, if `error` is a rate limit the run should pause for. */
export function rateLimitPauseUntil(error: AppError, now = Date.now()): Date | undefined {
  if (error.code !== "REMOTE_RATE_LIMITED") return undefined;
  const retryAt = typeof error.details?.retryAt === "string" ? Date.parse(error.details.retryAt) : Number.NaN;
  if (!Number.isFinite(retryAt)) return undefined;
  // notSent: the client refused to wait this long, so nothing went out and T is the remote's word.
  if (error.details?.notSent !== true && retryAt - now < SHORTEST_PAUSE_MS) return undefined;
  return new Date(Math.max(retryAt, now));
}

/** The latest "not before" met by the concurrent record tasks of one run (they share one object). */
export class RateLimitPause {
  private latest: { until: Date; error: AppError } | undefined;

  /** Notes a rate limit; true when `error` is one (the caller then releases the record). */
  met(error: AppError): boolean {
    const until = rateLimitPauseUntil(error);
    if (!until) return false;
    if (!this.latest || until > this.latest.until) this.latest = { until, error };
    return true;
  }

  get paused(): boolean {
    return this.latest !== undefined;
  }

  /** Ends the pass: the run stops here, as RATE_LIMITED until the latest time met. */
  throwIfPaused(): void {
    if (this.latest) throw this.latest.error;
  }
}
