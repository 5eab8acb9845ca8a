import { describe, expect, it } from "vitest";
import { neededWorkMs, recoverySeconds, secondsForWork, splitNeededWrites, utilisationBetween, type CapacitySample } from "./capacity";

describe("the capacity bound", () => {
  it("adds the service time of the needed requests by kind", () => {
    expect(neededWorkMs({ reads: 2, writes: 10, imageWrites: 1 }, { read: 40, write: 120, imageWrite: 600 })).toBe(80 + 1200 + 600);
    expect(splitNeededWrites(100, 30)).toEqual({ writes: 70, imageWrites: 30 });
    expect(splitNeededWrites(10, 30)).toEqual({ writes: 0, imageWrites: 10 });
  });

  it("divides the work by the workers, following changes of capacity on the way", () => {
    expect(secondsForWork(40_000, 4)).toBe(10);
    // 4 workers for 5 s (20 s of work), then 2 for the remaining 20 s of work: 10 s more.
    expect(secondsForWork(40_000, 4, [{ atSeconds: 5, workers: 2 }])).toBe(15);
    // A change after the work is done changes nothing.
    expect(secondsForWork(40_000, 4, [{ atSeconds: 60, workers: 1 }])).toBe(10);
    expect(
      secondsForWork(60_000, 4, [
        { atSeconds: 5, workers: 2 },
        { atSeconds: 10, workers: 4 },
      ]),
    ).toBe(17.5);
  });
});

describe("utilisation and recovery", () => {
  // 4 workers: used fully for 10 s, then half for 5 s, then fully again.
  const samples: CapacitySample[] = [];
  let busy = 0;
  for (let at = 0; at <= 20; at += 0.5) {
    samples.push({ atSeconds: at, busyMs: busy, offeredMs: at * 4000 });
    busy += at >= 10 && at < 15 ? 1000 : 2000;
  }

  it("is the busy share of the offered worker-time between two times", () => {
    expect(utilisationBetween(samples, 0, 10)).toBeCloseTo(1);
    expect(utilisationBetween(samples, 10, 15)).toBeCloseTo(0.5);
  });

  it("counts from a change until a window is back above the threshold, or null if never", () => {
    expect(recoverySeconds(samples, 0, { threshold: 0.8, windowSeconds: 3 })).toBe(0);
    expect(recoverySeconds(samples, 10, { threshold: 0.8, windowSeconds: 3 })).toBe(4);
    expect(recoverySeconds(samples.slice(0, 30), 10, { threshold: 0.8, windowSeconds: 3 })).toBeNull();
  });
});
