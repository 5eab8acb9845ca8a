import { describe, it, expect } from "vitest";
import { isBudgetLow, KeyRateLimiter, nextRequestStartMs, parseRateLimitHeaders, RateLimitedUntil } from "./pacing";

const now = 1_000_000;

describe("nextRequestStartMs", () => {
  it("sends at once when there is no rate-limit information or the window is over", () => {
    expect(nextRequestStartMs(undefined, now - 1, now)).toBe(now);
    expect(nextRequestStartMs({ remaining: 0, resetAtMs: now - 5 }, now - 1, now)).toBe(now);
  });

  it("sends at once while plenty of calls remain", () => {
    expect(nextRequestStartMs({ remaining: 500, resetAtMs: now + 60_000, limit: 1000 }, now, now)).toBe(now);
  });

  it("spreads the remaining calls evenly over the window when the budget is low", () => {
    // 10 calls left for 60 s → one call every 6 s after the previous start.
    const state = { remaining: 10, resetAtMs: now + 60_000, limit: 1000 };
    expect(nextRequestStartMs(state, now - 1000, now)).toBe(now + 5000);
    expect(nextRequestStartMs(state, now - 10_000, now)).toBe(now);
    expect(nextRequestStartMs(state, undefined, now)).toBe(now);
  });

  it("waits for the reset when no calls are left", () => {
    expect(nextRequestStartMs({ remaining: 0, resetAtMs: now + 42_000 }, now, now)).toBe(now + 42_000);
  });
});

describe("isBudgetLow", () => {
  it("uses 20% of the limit, or at least 20 calls", () => {
    expect(isBudgetLow({ remaining: 200, resetAtMs: 0, limit: 1000 })).toBe(true);
    expect(isBudgetLow({ remaining: 201, resetAtMs: 0, limit: 1000 })).toBe(false);
    expect(isBudgetLow({ remaining: 20, resetAtMs: 0 })).toBe(true);
    expect(isBudgetLow({ remaining: 21, resetAtMs: 0 })).toBe(false);
  });
});

describe("parseRateLimitHeaders", () => {
  it("reads remaining, limit and reset seconds", () => {
    const headers = new Headers({ "X-RateLimit-Remaining": "7", "X-RateLimit-Reset": "30", "X-RateLimit-Limit": "500" });
    expect(parseRateLimitHeaders(headers, now)).toEqual({ remaining: 7, resetAtMs: now + 30_000, limit: 500 });
  });

  it("accepts an epoch-seconds reset and ignores incomplete headers", () => {
    const headers = new Headers({ "X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "1741946400" });
    expect(parseRateLimitHeaders(headers, now)).toEqual({ remaining: 1, resetAtMs: 1_741_946_400_000 });
    expect(parseRateLimitHeaders(new Headers({ "X-RateLimit-Remaining": "1" }), now)).toBeUndefined();
  });
});

describe("KeyRateLimiter.schedule", () => {
  it("throws RateLimitedUntil instead of waiting longer than allowed, and sends nothing", async () => {
    const limiter = new KeyRateLimiter("t:visma");
    limiter.blockFor(5 * 60_000);
    let sent = 0;
    const error = await limiter.schedule(async () => sent++, undefined, 30_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedUntil);
    expect((error as RateLimitedUntil).untilMs - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(sent).toBe(0);
    // Without a cap (or within it) the task runs.
    expect(await new KeyRateLimiter("t:other").schedule(async () => "ran", undefined, 30_000)).toBe("ran");
  });
});
