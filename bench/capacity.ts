/**
 * The bound against a server's capacity (simulators/shared/capacity.ts): a server with k workers
 * and a service time per request kind can do k worker-seconds of work per second, whatever the
 * client's own settings. The work a job needs is the service time of the requests it needs; the
 * best client keeps every worker busy from start to end. See bench/README.md, "Capacity".
 */

export type ServiceMs = { read: number; write: number; imageWrite: number };
export type NeededRequests = { reads: number; writes: number; imageWrites: number };

/** Worker-milliseconds the needed requests take at the server. */
export function neededWorkMs(needed: NeededRequests, serviceMs: ServiceMs): number {
  return needed.reads * serviceMs.read + needed.writes * serviceMs.write + needed.imageWrites * serviceMs.imageWrite;
}

/**
 * Of the writes a job needs, those that are picture writes: as many as the server served (the data
 * decides which products carry a picture), never more than the writes needed.
 */
export function splitNeededWrites(neededWrites: number, servedImageWrites: number): { writes: number; imageWrites: number } {
  const imageWrites = Math.min(neededWrites, servedImageWrites);
  return { writes: neededWrites - imageWrites, imageWrites };
}

export type CapacityChange = { atSeconds: number; workers: number };

/** Seconds a perfect client needs for `workMs` when the server has `workers` from the start, then changes. */
export function secondsForWork(workMs: number, workers: number, changes: readonly CapacityChange[] = []): number {
  let left = workMs / 1000;
  let at = 0;
  let current = workers;
  for (const change of [...changes].sort((a, b) => a.atSeconds - b.atSeconds)) {
    const span = change.atSeconds - at;
    if (left <= span * current) return at + left / current;
    left -= span * current;
    at = change.atSeconds;
    current = change.workers;
  }
  return at + left / current;
}

/** Cumulative counts of the server's capacity model, sampled during a run (seconds from the run's start). */
export type CapacitySample = { atSeconds: number; busyMs: number; offeredMs: number; overloaded?: number };

/** Share of the offered capacity used between two times (from the samples nearest to them). */
export function utilisationBetween(samples: readonly CapacitySample[], fromSeconds: number, toSeconds: number): number {
  const nearest = (seconds: number) =>
    samples.reduce((best, sample) => (Math.abs(sample.atSeconds - seconds) < Math.abs(best.atSeconds - seconds) ? sample : best));
  const from = nearest(fromSeconds);
  const to = nearest(toSeconds);
  const offered = to.offeredMs - from.offeredMs;
  return offered > 0 ? (to.busyMs - from.busyMs) / offered : 0;
}

/**
 * Seconds from a capacity change until the client uses at least `threshold` of the new capacity
 * over `windowSeconds`; null when it never does before the run ends (the samples' end).
 */
export function recoverySeconds(
  samples: readonly CapacitySample[],
  changeAtSeconds: number,
  options: { threshold: number; windowSeconds: number },
): number | null {
  if (!samples.length) return null;
  const end = samples[samples.length - 1]!.atSeconds;
  for (let at = changeAtSeconds; at + options.windowSeconds <= end; at += 0.5) {
    if (utilisationBetween(samples, at, at + options.windowSeconds) >= options.threshold) return at - changeAtSeconds;
  }
  return null;
}
