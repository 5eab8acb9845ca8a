/**
 * The bound: how fast the best possible client could finish a scenario under the same latency,
 * concurrency and rate limit. It counts only the remote calls the job needs (writes of changed
 * records, source pages at the largest page size the remote allows, one token), never the calls a
 * particular implementation happens to make. See bench/README.md.
 */

/** Remote calls per remote, as SyncRun.remoteCalls records them ("visma-connect" = the token endpoint). */
export type RemoteCallsByRemote = Record<string, { calls: number; rateLimited?: number; retries?: number }>;

export type CallSplit = { cscart: number; visma: number };

export type BoundInput = {
  /** The calls the job needs, per remote. */
  needed: CallSplit;
  /** Requests in flight at once against each remote (the engine's concurrency setting). */
  concurrency: number;
  /** Mean round trip per request: the simulators' fixed latency plus half the jitter. */
  meanLatencyMs: number;
  /** Visma.net calls allowed per second, when a rate limit applies. */
  vismaCallsPerSecond?: number;
};

export type Bound = { seconds: number; limitedBy: "latency" | "rate limit" | "capacity" };

export function meanLatencyMs(latencyMs: number, jitterMs: number): number {
  return latencyMs + jitterMs / 2;
}

/** max(Σ remotes calls ÷ concurrency × latency, Visma calls ÷ rate limit). */
export function computeBound(input: BoundInput): Bound {
  const concurrency = Math.max(1, input.concurrency);
  const latencySeconds = ((input.needed.cscart + input.needed.visma) / concurrency) * (input.meanLatencyMs / 1000);
  const rateSeconds = input.vismaCallsPerSecond ? input.needed.visma / input.vismaCallsPerSecond : 0;
  return rateSeconds > latencySeconds ? { seconds: rateSeconds, limitedBy: "rate limit" } : { seconds: latencySeconds, limitedBy: "latency" };
}

/** Achieved ÷ bound as throughputs, i.e. bound time ÷ wall time (1 = as fast as any client could be). */
export function ratioToBound(boundSeconds: number, wallSeconds: number): number {
  return wallSeconds > 0 ? boundSeconds / wallSeconds : 0;
}

/** Calls per remote as the table shows them: CS-Cart, and every Visma.net endpoint together. */
export function splitCalls(remoteCalls: RemoteCallsByRemote): CallSplit {
  let cscart = 0;
  let visma = 0;
  for (const [remote, counts] of Object.entries(remoteCalls)) {
    if (remote === "cscart") cscart += counts.calls;
    else if (remote.startsWith("visma")) visma += counts.calls;
  }
  return { cscart, visma };
}

export function addCalls(...splits: CallSplit[]): CallSplit {
  return splits.reduce((sum, split) => ({ cscart: sum.cscart + split.cscart, visma: sum.visma + split.visma }), { cscart: 0, visma: 0 });
}

/** ceil(records ÷ page size) pages, at least one (an empty answer is still a call). */
export function pagesFor(records: number, pageSize: number): number {
  return Math.max(1, Math.ceil(records / pageSize));
}

/**
 * What the previous generation of connectors states for itself (docs/architecture.md): 10 orders per 15
 * minutes and 300 products per hour.
 */
export const LEGACY_RECORDS_PER_SECOND = { orders: 10 / (15 * 60), products: 300 / 3600 } as const;
export type LegacyKind = keyof typeof LEGACY_RECORDS_PER_SECOND;

export function legacyMultiple(recordsPerSecond: number, kind: LegacyKind): number {
  return recordsPerSecond / LEGACY_RECORDS_PER_SECOND[kind];
}
