/**
 * Fixed-window rate limit per company and client ("4-fixed-window"): each pair has an hourly budget;
 * answers carry X-RateLimit-* headers and, when the budget is spent, 429 with Retry-After.
 */
export const RATE_LIMIT_POLICY = "4-fixed-window";
const WINDOW_MS = 60 * 60 * 1000;

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string | number>;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { windowStart: number; used: number }>();

  constructor(public perHour: number) {}

  /** Counts one request for tenant+client and says whether it may go through. */
  take(tenantId: string, clientId: string, now = Date.now()): RateLimitVerdict {
    const key = `${tenantId}:${clientId}`;
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    let window = this.windows.get(key);
    if (!window || window.windowStart !== windowStart) {
      window = { windowStart, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < this.perHour;
    if (allowed) window.used++;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    return {
      allowed,
      retryAfterSeconds: resetSeconds,
      headers: {
        "X-RateLimit-Limit": this.perHour,
        "X-RateLimit-Remaining": Math.max(0, this.perHour - window.used),
        "X-RateLimit-Reset": resetSeconds,
        "X-RateLimit-Policy": RATE_LIMIT_POLICY,
      },
    };
  }

  snapshot(): Record<string, { windowStart: number; used: number; limit: number }> {
    return Object.fromEntries([...this.windows].map(([key, window]) => [key, { ...window, limit: this.perHour }]));
  }

  reset(perHour = this.perHour): void {
    this.perHour = perHour;
    this.windows.clear();
  }
}
