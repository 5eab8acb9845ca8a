/**
 * The limiter against a simulated remote: a discrete-event model of a server with k workers, a
 * service time per request, a queue and 503s past it, reached over a network with latency and
 * jitter. Time is virtual (the limiter's clock is the simulation's), so nothing here waits or
 * depends on the machine's speed: every figure is counted.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../simulators/shared/prng";
import { AdaptiveConcurrencyLimit, isOverloadStatus, requestClassOf, type Permit } from "./adaptive-concurrency";

type RemoteModel = {
  workers: number;
  queueLimit: number;
  /** Service time of the n-th request. */
  serviceMs(n: number): number;
  /** Request class of the n-th request (what the client compares latencies within). */
  classOf?(n: number): string;
  latencyMs: number;
  jitterMs: number;
};

/** Events in virtual time; the limiter reads the same clock. */
class Simulation {
  now = 0;
  private events: { at: number; seq: number; run(): void }[] = [];
  private seq = 0;

  at(delayMs: number, run: () => void): void {
    this.events.push({ at: this.now + delayMs, seq: this.seq++, run });
  }

  runUntil(endMs: number): void {
    for (;;) {
      this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.events[0];
      if (!next || next.at > endMs) break;
      this.events.shift();
      this.now = next.at;
      next.run();
    }
    this.now = endMs;
  }
}

/** A client with an endless backlog, sending as the limiter allows, against the remote model. */
function drive(remote: RemoteModel, options: { durationMs: number; changes?: { atMs: number; workers: number }[]; seed?: number }) {
  const sim = new Simulation();
  // Seeded, so each run of a test meets the same jitter.
  const random = mulberry32(options.seed ?? 7);
  const limiter = new AdaptiveConcurrencyLimit({ now: () => sim.now });
  let inService = 0;
  const queue: (() => void)[] = [];
  let sent = 0;
  let overloaded = 0;
  /** Worker-milliseconds served per second of virtual time, and offered (workers × 1000). */
  const busyPerSecond: number[] = [];
  const offeredPerSecond: number[] = [];
  const limits: number[] = [];
  const network = () => remote.latencyMs / 2 + random() * (remote.jitterMs / 2);

  const addBusy = (fromMs: number, toMs: number) => {
    for (let second = Math.floor(fromMs / 1000); second * 1000 < toMs; second++) {
      const overlap = Math.min(toMs, (second + 1) * 1000) - Math.max(fromMs, second * 1000);
      busyPerSecond[second] = (busyPerSecond[second] ?? 0) + Math.max(0, overlap);
    }
  };
  const serve = (n: number, permit: Permit, startedMs: number) => {
    inService++;
    const serviceMs = remote.serviceMs(n);
    addBusy(sim.now, sim.now + serviceMs);
    sim.at(serviceMs, () => {
      inService--;
      if (inService < remote.workers) queue.shift()?.();
      sim.at(network(), () => finish(permit, { kind: "answer", requestClass: remote.classOf?.(n) ?? "GET products", rttMs: sim.now - startedMs }));
    });
  };
  const arrive = (n: number, permit: Permit, startedMs: number) => {
    if (inService < remote.workers) return serve(n, permit, startedMs);
    if (queue.length < remote.queueLimit) return void queue.push(() => serve(n, permit, startedMs));
    overloaded++;
    sim.at(network(), () => finish(permit, { kind: "overload" }));
  };
  const finish = (permit: Permit, outcome: Parameters<Permit["release"]>[0]) => {
    permit.release(outcome);
    pump();
  };
  const pump = () => {
    for (let permit = limiter.tryAcquire(); permit; permit = limiter.tryAcquire()) {
      const n = sent++;
      const startedMs = sim.now;
      const granted = permit;
      sim.at(network(), () => arrive(n, granted, startedMs));
    }
  };
  for (const change of options.changes ?? []) {
    sim.at(change.atMs, () => {
      remote.workers = change.workers;
      while (inService < remote.workers && queue.length) queue.shift()!();
    });
  }
  let workersNow = remote.workers;
  const workersAt = [...(options.changes ?? [])].sort((a, b) => a.atMs - b.atMs);
  for (let second = 0; second * 1000 < options.durationMs; second++) {
    sim.at(second * 1000, () => {
      for (const change of workersAt) if (change.atMs <= second * 1000) workersNow = change.workers;
      offeredPerSecond[second] = workersNow * 1000;
      limits[second] = limiter.limit;
    });
  }
  pump();
  sim.runUntil(options.durationMs);
  const utilisation = (fromSecond: number, toSecond: number) => {
    let busy = 0;
    let offered = 0;
    for (let second = fromSecond; second < toSecond; second++) {
      busy += busyPerSecond[second] ?? 0;
      offered += offeredPerSecond[second] ?? 0;
    }
    return busy / offered;
  };
  return { sent, overloaded, utilisation, limits, limiter };
}

const uniformService = (ms: number) => () => ms;

describe("AdaptiveConcurrencyLimit against a simulated shop", () => {
  it.each([4, 16])("keeps a shop with %i PHP workers at least 85 percent busy, with under 1 percent of requests answered 503", (workers) => {
    const result = drive({ workers, queueLimit: workers, serviceMs: uniformService(60), latencyMs: 30, jitterMs: 10 }, { durationMs: 60_000 });
    // After the first seconds of learning:
    expect(result.utilisation(5, 60)).toBeGreaterThanOrEqual(0.85);
    expect(result.overloaded / result.sent).toBeLessThan(0.01);
    // Enough in flight to cover the round trip, not many more: k × (latency + service) ÷ service, plus a short queue.
    const coveringRoundTrip = (workers * 95) / 60;
    expect(result.limiter.limit).toBeGreaterThanOrEqual(Math.floor(coveringRoundTrip * 0.9));
    expect(result.limiter.limit).toBeLessThanOrEqual(Math.ceil(coveringRoundTrip + workers + 4));
  });

  it("backs off when the capacity is halved and grows again when it comes back, above 80 % within seconds each time", () => {
    const result = drive(
      { workers: 16, queueLimit: 16, serviceMs: uniformService(60), latencyMs: 30, jitterMs: 10 },
      {
        durationMs: 90_000,
        changes: [
          { atMs: 30_000, workers: 8 },
          { atMs: 60_000, workers: 16 },
        ],
      },
    );
    const recoveredBy = (changeSecond: number) => {
      for (let second = changeSecond; second < changeSecond + 30; second++) if (result.utilisation(second, second + 3) >= 0.8) return second - changeSecond;
      return Number.POSITIVE_INFINITY;
    };
    expect(recoveredBy(30)).toBeLessThanOrEqual(10);
    expect(recoveredBy(60)).toBeLessThanOrEqual(10);
    expect(result.limits[55]!).toBeLessThan(result.limits[25]!);
    expect(result.limits[85]!).toBeGreaterThan(result.limits[55]!);
    expect(result.overloaded / result.sent).toBeLessThan(0.01);
  });

  it("is not fooled by a mix of cheap reads and dear picture writes", () => {
    // One request in three is a product write whose picture the shop downloads (5× dearer).
    const result = drive(
      { workers: 8, queueLimit: 8, serviceMs: (n) => (n % 3 === 0 ? 300 : 60), classOf: () => "PUT products", latencyMs: 30, jitterMs: 10 },
      { durationMs: 60_000 },
    );
    expect(result.utilisation(5, 60)).toBeGreaterThanOrEqual(0.85);
    expect(result.overloaded / result.sent).toBeLessThan(0.01);
  });

  it("does not overrun a server with a backlog as short as its workers while learning (Visma.net-like: 4 at once, slow writes)", () => {
    const result = drive({ workers: 4, queueLimit: 4, serviceMs: uniformService(150), latencyMs: 30, jitterMs: 10 }, { durationMs: 60_000, seed: 3 });
    expect(result.overloaded).toBeLessThanOrEqual(2);
    expect(result.utilisation(5, 60)).toBeGreaterThanOrEqual(0.85);
  });

  it("starts low and grows while latency holds, up to its maximum when the remote never queues", () => {
    const result = drive({ workers: 1000, queueLimit: 0, serviceMs: uniformService(20), latencyMs: 30, jitterMs: 10 }, { durationMs: 20_000 });
    expect(result.limits[0]).toBe(4);
    expect(result.limits.every((limit, second) => second === 0 || limit >= result.limits[second - 1]!)).toBe(true);
    expect(result.limiter.limit).toBe(64);
    expect(result.overloaded).toBe(0);
  });
});

describe("AdaptiveConcurrencyLimit decisions", () => {
  const answer = (rttMs: number) => ({ kind: "answer" as const, requestClass: "GET products", rttMs });

  it("halves on an overload answer, once for a burst sent under the same limit", () => {
    let now = 0;
    const limiter = new AdaptiveConcurrencyLimit({ initialLimit: 20, now: () => now });
    const permits = Array.from({ length: 20 }, () => limiter.tryAcquire()!);
    expect(limiter.tryAcquire()).toBeUndefined();
    now = 100;
    permits[0]!.release({ kind: "overload" });
    expect(limiter.limit).toBe(10);
    for (const permit of permits.slice(1, 10)) permit.release({ kind: "overload" });
    expect(limiter.limit).toBe(10);
    // A request sent under the new limit that is refused again halves it again.
    for (const permit of permits.slice(10)) permit.release(answer(50));
    const later = limiter.tryAcquire()!;
    later.release({ kind: "overload" });
    expect(limiter.limit).toBe(5);
  });

  it("does not grow while the limit is not used (the caller sends less than it allows)", () => {
    let now = 0;
    const limiter = new AdaptiveConcurrencyLimit({ initialLimit: 8, now: () => now });
    for (let i = 0; i < 100; i++) {
      const permit = limiter.tryAcquire()!;
      now += 50;
      permit.release(answer(50));
    }
    expect(limiter.limit).toBe(8);
  });

  it("ignores outcomes that say nothing about the remote's load", () => {
    const limiter = new AdaptiveConcurrencyLimit({ initialLimit: 6, now: () => 0 });
    for (let i = 0; i < 50; i++) limiter.tryAcquire()!.release({ kind: "ignore" });
    expect(limiter.limit).toBe(6);
    expect(limiter.inFlight).toBe(0);
  });

  it("lets waiters in first come, first served as permits are released, and drops a waiter whose signal aborts", async () => {
    const limiter = new AdaptiveConcurrencyLimit({ initialLimit: 1, now: () => 0 });
    const first = await limiter.acquire();
    const order: string[] = [];
    const controller = new AbortController();
    const second = limiter.acquire().then((permit) => (order.push("second"), permit));
    const aborted = limiter.acquire(controller.signal).catch((reason: unknown) => (order.push(`aborted: ${String(reason)}`), undefined));
    const third = limiter.acquire().then((permit) => (order.push("third"), permit));
    expect(limiter.waiting).toBe(3);
    controller.abort("stop");
    await aborted;
    first.release({ kind: "ignore" });
    (await second).release({ kind: "ignore" });
    (await third).release({ kind: "ignore" });
    expect(order).toEqual(["aborted: stop", "second", "third"]);
    expect(limiter.inFlight).toBe(0);
  });
});

describe("classification", () => {
  it("treats gateway and resource-limit answers as overload, not client errors or server bugs", () => {
    expect([502, 503, 504, 508].every(isOverloadStatus)).toBe(true);
    expect([200, 400, 404, 429, 500].some(isOverloadStatus)).toBe(false);
  });

  it("compares a request with its own kind: method and resource, ids and versions left out", () => {
    expect(requestClassOf("PUT", "/api/products/1042")).toBe("PUT products");
    expect(requestClassOf("GET", "/api/2.0/products")).toBe("GET products");
    expect(requestClassOf("GET", "/v1/inventory/TSHIRT-BLK-M")).toBe("GET inventory");
    expect(requestClassOf("POST", "/api/v3/SalesOrders")).toBe("POST salesorders");
  });
});
