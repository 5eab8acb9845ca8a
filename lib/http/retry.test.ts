import { describe, it, expect } from "vitest";
import { backoffDelayMs, countsAsRepeatedFailure, decideRetry, defaultRetryPolicy, parseRetryAfterMs, RepeatedFailures } from "./retry";

const noJitter = () => 0.999999;

describe("defaultRetryPolicy", () => {
  it("treats GET and PUT with If-Match as idempotent, POST and plain PUT as not", () => {
    expect(defaultRetryPolicy("GET")).toBe("idempotent");
    expect(defaultRetryPolicy("PUT", { "If-Match": '"abc"' })).toBe("idempotent");
    expect(defaultRetryPolicy("PUT")).toBe("never");
    expect(defaultRetryPolicy("POST")).toBe("never");
  });
});

describe("backoffDelayMs", () => {
  it("doubles the cap per attempt and stays within it (full jitter)", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(1, options, noJitter)).toBe(99);
    expect(backoffDelayMs(2, options, noJitter)).toBe(199);
    expect(backoffDelayMs(3, options, noJitter)).toBe(399);
    expect(backoffDelayMs(10, options, noJitter)).toBe(999);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(200);
  });
});

describe("parseRetryAfterMs", () => {
  it("reads delta seconds and HTTP dates", () => {
    const now = Date.parse("2025-03-14T10:00:00Z");
    expect(parseRetryAfterMs("120", now)).toBe(120_000);
    expect(parseRetryAfterMs("Fri, 14 Mar 2025 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("Fri, 14 Mar 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });
});

describe("decideRetry", () => {
  const base = { attempt: 1, maxAttempts: 4, backoff: { baseDelayMs: 100, maxDelayMs: 10_000 }, random: () => 0.5 };

  it("sends a POST again after a 429 (refused unprocessed) but not after a 5xx", () => {
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "response", status: 429, retryAfterMs: 1000 } }).retry).toBe(true);
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "response", status: 503 } }).retry).toBe(false);
  });

  it("retries idempotent requests on 5xx, 429, timeouts and network errors", () => {
    expect(decideRetry({ ...base, policy: "idempotent", outcome: { kind: "response", status: 503 } })).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry({ ...base, policy: "idempotent", outcome: { kind: "response", status: 429 } }).retry).toBe(true);
    expect(decideRetry({ ...base, policy: "idempotent", outcome: { kind: "timeout", sent: true } }).retry).toBe(true);
    expect(decideRetry({ ...base, policy: "idempotent", outcome: { kind: "network", sent: true } }).retry).toBe(true);
  });

  it("does not retry final statuses", () => {
    for (const status of [400, 401, 403, 404, 409, 412, 422]) {
      expect(decideRetry({ ...base, policy: "idempotent", outcome: { kind: "response", status } }).retry).toBe(false);
    }
  });

  it("never resends a POST that may have arrived, but does resend one that was never sent", () => {
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "response", status: 503 } }).retry).toBe(false);
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "timeout", sent: true } }).retry).toBe(false);
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "network", sent: true } }).retry).toBe(false);
    expect(decideRetry({ ...base, policy: "never", outcome: { kind: "network", sent: false } }).retry).toBe(true);
  });

  it("stops after the last attempt", () => {
    expect(decideRetry({ ...base, attempt: 4, policy: "idempotent", outcome: { kind: "response", status: 500 } })).toEqual({
      retry: false,
      reason: "no attempts left",
    });
  });

  it("waits as long as Retry-After says, plus a little jitter, and gives up when that is too long", () => {
    const decision = decideRetry({ ...base, policy: "idempotent", outcome: { kind: "response", status: 429, retryAfterMs: 2000 } });
    expect(decision).toEqual({ retry: true, delayMs: 2000 + Math.floor(50 / 4) });
    const tooLong = decideRetry({ ...base, policy: "idempotent", outcome: { kind: "response", status: 429, retryAfterMs: 60_000 } });
    expect(tooLong.retry).toBe(false);
  });
});

describe("RepeatedFailures", () => {
  it("lets an identical request fail three times a minute, then holds it until the oldest failure is a minute old", () => {
    const failures = new RepeatedFailures(3, 60_000);
    const key = "t:visma:GET https://api/v1/inventory/X";
    expect(failures.waitBeforeRepeatMs(key, 0)).toBe(0);
    failures.recordFailure(key, 0);
    failures.recordFailure(key, 1_000);
    expect(failures.waitBeforeRepeatMs(key, 2_000)).toBe(0);
    failures.recordFailure(key, 2_000);
    expect(failures.waitBeforeRepeatMs(key, 2_500)).toBe(57_500);
    expect(failures.waitBeforeRepeatMs(key, 59_000)).toBe(1_000);
    expect(failures.waitBeforeRepeatMs(key, 60_000)).toBe(0);
    expect(failures.waitBeforeRepeatMs("t:visma:GET https://api/v1/inventory/Y", 2_500)).toBe(0);
  });

  it("counts server errors, timeouts and dropped connections, not 429 (the remote says when) nor final answers", () => {
    expect(countsAsRepeatedFailure({ kind: "response", status: 503 })).toBe(true);
    expect(countsAsRepeatedFailure({ kind: "timeout", sent: true })).toBe(true);
    expect(countsAsRepeatedFailure({ kind: "network", sent: false })).toBe(true);
    expect(countsAsRepeatedFailure({ kind: "response", status: 429, retryAfterMs: 1000 })).toBe(false);
    expect(countsAsRepeatedFailure({ kind: "response", status: 404 })).toBe(false);
  });
});
