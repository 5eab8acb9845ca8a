/**
 * Counts remote calls for one sync run. The run passes one meter to every client it creates and
 * stores `snapshot()` on its run record, so each run shows what it cost in remote calls.
 */
export interface RemoteCallCounts {
  /** Requests sent (every attempt, retries included). */
  calls: number;
  /** Attempts that were sent again after a failure. */
  retries: number;
  /** Responses with HTTP 429. */
  rateLimited: number;
  /** Attempts that failed (HTTP error, timeout, network). */
  failures: number;
}

export class CallMeter {
  private readonly counts = new Map<string, RemoteCallCounts>();

  private countsFor(remote: string): RemoteCallCounts {
    let counts = this.counts.get(remote);
    if (!counts) {
      counts = { calls: 0, retries: 0, rateLimited: 0, failures: 0 };
      this.counts.set(remote, counts);
    }
    return counts;
  }

  recordCall(remote: string): void {
    this.countsFor(remote).calls += 1;
  }

  recordRetry(remote: string): void {
    this.countsFor(remote).retries += 1;
  }

  recordRateLimited(remote: string): void {
    this.countsFor(remote).rateLimited += 1;
  }

  recordFailure(remote: string): void {
    this.countsFor(remote).failures += 1;
  }

  /** Total requests over all remotes. */
  get totalCalls(): number {
    let total = 0;
    for (const counts of this.counts.values()) total += counts.calls;
    return total;
  }

  /** Plain object per remote, e.g. `{ visma: { calls: 12, retries: 1, rateLimited: 1, failures: 1 } }`. */
  snapshot(): Record<string, RemoteCallCounts> {
    const result: Record<string, RemoteCallCounts> = {};
    for (const [remote, counts] of this.counts) result[remote] = { ...counts };
    return result;
  }
}
