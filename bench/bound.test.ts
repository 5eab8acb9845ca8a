import { describe, expect, it } from "vitest";
import { addCalls, computeBound, legacyMultiple, meanLatencyMs, pagesFor, ratioToBound, splitCalls } from "./bound";

describe("computeBound", () => {
  it("divides the needed calls by the concurrency and multiplies by the mean latency", () => {
    const bound = computeBound({ needed: { cscart: 1000, visma: 10 }, concurrency: 8, meanLatencyMs: meanLatencyMs(25, 10) });
    expect(bound.limitedBy).toBe("latency");
    expect(bound.seconds).toBeCloseTo((1010 / 8) * 0.03, 6);
  });

  it("takes the rate limit when it is the slower constraint", () => {
    const bound = computeBound({ needed: { cscart: 500, visma: 1200 }, concurrency: 4, meanLatencyMs: 30, vismaCallsPerSecond: 10 });
    expect(bound).toEqual({ seconds: 120, limitedBy: "rate limit" });
  });

  it("treats a concurrency below one as one", () => {
    expect(computeBound({ needed: { cscart: 2, visma: 0 }, concurrency: 0, meanLatencyMs: 500 }).seconds).toBe(1);
  });
});

describe("helpers", () => {
  it("ratio is bound time over wall time", () => {
    expect(ratioToBound(7, 10)).toBeCloseTo(0.7);
    expect(ratioToBound(7, 0)).toBe(0);
  });

  it("splits SyncRun.remoteCalls into CS-Cart and all Visma.net endpoints", () => {
    const split = splitCalls({ cscart: { calls: 12 }, visma: { calls: 3 }, "visma-connect": { calls: 1 }, "visma-salesorder": { calls: 5 } });
    expect(split).toEqual({ cscart: 12, visma: 9 });
    expect(addCalls(split, { cscart: 1, visma: 1 })).toEqual({ cscart: 13, visma: 10 });
  });

  it("counts at least one page", () => {
    expect(pagesFor(0, 1000)).toBe(1);
    expect(pagesFor(1000, 1000)).toBe(1);
    expect(pagesFor(1001, 1000)).toBe(2);
  });

  it("compares with the legacy connectors' stated speed", () => {
    expect(legacyMultiple(10 / 900, "orders")).toBeCloseTo(1);
    expect(legacyMultiple(1, "products")).toBeCloseTo(12);
  });
});
