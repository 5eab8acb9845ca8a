/**
 * A server's capacity, as a shop's PHP workers give it: `workers` requests are served at once,
 * each holding its worker for the service time of its kind (reads cheap, writes dearer, a product
 * write whose picture the shop must download dearest); the rest wait in a queue of `queueLimit`.
 * A request that finds the queue full is answered 503 at once (PHP-FPM's backlog full, the web
 * server's "Service Unavailable"); one that waited `queueTimeoutMs` for a worker is answered 504
 * (the web server's gateway timeout). `workers: null` (the default) serves everything at once.
 *
 * The model keeps count of the work it did (busy worker-milliseconds) and of the work it could have
 * done (worker-milliseconds offered), so a benchmark can tell how much of the capacity a client used.
 */
import { z } from "zod";

export const REQUEST_KINDS = ["read", "write", "imageWrite"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const capacityConfigSchema = z.object({
  /** Requests served at once; null = no limit (no capacity model). */
  workers: z.number().int().min(1).max(10_000).nullable().default(null),
  /** Milliseconds a request of each kind holds its worker. */
  serviceMs: z
    .object({
      read: z.number().min(0).default(20),
      write: z.number().min(0).default(60),
      imageWrite: z.number().min(0).default(300),
    })
    .default({ read: 20, write: 60, imageWrite: 300 }),
  /** Requests that may wait for a worker; the next one is answered 503. */
  queueLimit: z.number().int().min(0).default(32),
  /** A request that waited this long for a worker is answered 504. */
  queueTimeoutMs: z.number().int().min(1).default(30_000),
});

export type CapacityConfig = z.infer<typeof capacityConfigSchema>;
export type CapacityConfigInput = z.input<typeof capacityConfigSchema>;

export type CapacityStats = {
  /** Requests served, per kind. */
  served: Record<RequestKind, number>;
  /** Answered 503: the queue was full. */
  refused: number;
  /** Answered 504: waited queueTimeoutMs for a worker. */
  timedOut: number;
  /** Worker-milliseconds spent serving (service times of the requests served or being served). */
  busyMs: number;
  /** Worker-milliseconds offered: ∫ workers dt since the counts were reset (0 without a limit). */
  offeredMs: number;
  /** The longest queue seen. */
  peakQueue: number;
  /** Now. */
  inService: number;
  queued: number;
};

export type Admission = { outcome: "served" } | { outcome: "refused"; status: 503 } | { outcome: "timed-out"; status: 504 };

type Waiter = { admit(): void; timer: NodeJS.Timeout };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CapacityModel {
  private current: CapacityConfig;
  private inService = 0;
  private readonly queue: Waiter[] = [];
  private stats!: Omit<CapacityStats, "inService" | "queued" | "offeredMs">;
  private offeredMs = 0;
  private offeredSinceMs = Date.now();

  constructor(config: CapacityConfigInput = {}) {
    this.current = capacityConfigSchema.parse(config);
    this.resetStats();
  }

  get config(): CapacityConfig {
    return this.current;
  }

  /** Replaces the configuration (omitted knobs go back to their defaults). Requests being served finish. */
  set(config: CapacityConfigInput): CapacityConfig {
    this.accrueOffered();
    this.current = capacityConfigSchema.parse(config);
    this.admitWaiting();
    return this.current;
  }

  resetStats(): void {
    this.stats = { served: { read: 0, write: 0, imageWrite: 0 }, refused: 0, timedOut: 0, busyMs: 0, peakQueue: 0 };
    this.offeredMs = 0;
    this.offeredSinceMs = Date.now();
  }

  snapshot(): CapacityStats {
    this.accrueOffered();
    return { ...this.stats, served: { ...this.stats.served }, offeredMs: this.offeredMs, inService: this.inService, queued: this.queue.length };
  }

  /**
   * Waits for a worker, holds it for the kind's service time, runs `handle` and frees the worker.
   * Without a worker (queue full, or waited too long) `handle` never runs and the answer says why.
   */
  async serve<T>(kind: RequestKind, handle: () => Promise<T>): Promise<{ admission: Admission; value?: T }> {
    const workers = this.current.workers;
    if (workers === null) return { admission: { outcome: "served" }, value: await handle() };
    const admission = await this.admit();
    if (admission.outcome !== "served") return { admission };
    const serviceMs = this.current.serviceMs[kind];
    this.stats.served[kind] += 1;
    this.stats.busyMs += serviceMs;
    try {
      await sleep(serviceMs);
      return { admission, value: await handle() };
    } finally {
      this.inService -= 1;
      this.admitWaiting();
    }
  }

  private admit(): Promise<Admission> {
    if (this.queue.length === 0 && this.inService < this.current.workers!) {
      this.inService += 1;
      return Promise.resolve({ outcome: "served" });
    }
    if (this.queue.length >= this.current.queueLimit) {
      this.stats.refused += 1;
      return Promise.resolve({ outcome: "refused", status: 503 });
    }
    return new Promise<Admission>((resolve) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve({ outcome: "served" });
        },
        timer: setTimeout(() => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          this.stats.timedOut += 1;
          resolve({ outcome: "timed-out", status: 504 });
        }, this.current.queueTimeoutMs),
      };
      this.queue.push(waiter);
      this.stats.peakQueue = Math.max(this.stats.peakQueue, this.queue.length);
    });
  }

  private admitWaiting(): void {
    const workers = this.current.workers ?? Number.POSITIVE_INFINITY;
    while (this.queue.length > 0 && this.inService < workers) {
      this.inService += 1;
      this.queue.shift()!.admit();
    }
  }

  private accrueOffered(): void {
    const now = Date.now();
    if (this.current.workers !== null) this.offeredMs += (now - this.offeredSinceMs) * this.current.workers;
    this.offeredSinceMs = now;
  }
}

/** Reads capacity knobs from the environment (the CLI): SIM_WORKERS, SIM_QUEUE_LIMIT, SIM_SERVICE_MS="read:write:imageWrite". */
export function capacityFromEnv(env: NodeJS.ProcessEnv): CapacityConfigInput {
  const config: CapacityConfigInput = {};
  if (env.SIM_WORKERS) config.workers = Number(env.SIM_WORKERS);
  if (env.SIM_QUEUE_LIMIT) config.queueLimit = Number(env.SIM_QUEUE_LIMIT);
  const service = env.SIM_SERVICE_MS?.split(":").map(Number);
  if (service && service.length === 3) config.serviceMs = { read: service[0]!, write: service[1]!, imageWrite: service[2]! };
  return config;
}
