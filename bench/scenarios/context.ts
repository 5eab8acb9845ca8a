/** What every scenario gets, and the one way a measured run becomes a table row. */
import type PgBoss from "pg-boss";
import type { SyncRun } from "../../lib/db";
import { computeBound, legacyMultiple, type Bound, ratioToBound, splitCalls, type CallSplit, type LegacyKind, type RemoteCallsByRemote } from "../bound";
import type { BenchConfig } from "../config";
import type { PeakMemory } from "../rss";
import type { BenchWorkers, MeasuredRun, Simulators } from "../stack";
import type { ScenarioResult } from "../table";

export type BenchContext = {
  config: BenchConfig;
  boss: PgBoss;
  /** The one worker process the single-tenant scenarios run on. */
  worker: BenchWorkers;
  /** A small shop and Visma.net company a restarted worker runs its module on once before a measured run (warmUpMainWorker). */
  warmUpSimulators: Simulators;
  /** Owns every bench tenant; the dashboard scenario logs in as this user. */
  owner: { id: string; email: string; password: string };
  meanLatencyMs: number;
  /** A tenant with runs behind it, for the dashboard scenario. */
  dashboardTenant?: { id: string; slug: string };
  log(line: string): void;
};

export type RowSpec = {
  id: string;
  name: string;
  needed: CallSplit;
  concurrency: number;
  throughput: boolean;
  legacy?: LegacyKind;
  vismaCallsPerSecond?: number;
  /** The bound when a server's capacity sets it (bench/capacity.ts), instead of latency ÷ concurrency. */
  bound?: Bound;
  notes?: string[];
  details?: Record<string, unknown>;
};

/** The note of a row measured right after warmUpMainWorker. */
export function warmUpNote(module: string, seconds: number): string {
  return `measured on a worker that had run ${module} once (its warm-up run on 10 records took ${seconds.toFixed(2)} s)`;
}

/** A scenario row from one measured run: records, calls per record, bound and ratio. */
export function rowFromRun(ctx: BenchContext, measured: MeasuredRun, spec: RowSpec): ScenarioResult {
  return rowFromFigures(ctx, {
    ...spec,
    records: measured.run.processed,
    wallSeconds: measured.wallSeconds,
    calls: splitCalls(measured.run.remoteCalls as RemoteCallsByRemote),
    memory: measured.memory,
    notes: [...(spec.notes ?? []), ...runNotes(measured.run)],
    details: { ...spec.details, run: runDetails(measured.run) },
  });
}

export function rowFromFigures(
  ctx: BenchContext,
  spec: RowSpec & { records: number; wallSeconds: number; calls: CallSplit; memory: PeakMemory },
): ScenarioResult {
  const bound =
    spec.bound ??
    computeBound({ needed: spec.needed, concurrency: spec.concurrency, meanLatencyMs: ctx.meanLatencyMs, vismaCallsPerSecond: spec.vismaCallsPerSecond });
  const recordsPerSecond = spec.wallSeconds > 0 ? spec.records / spec.wallSeconds : 0;
  return {
    id: spec.id,
    name: spec.name,
    records: spec.records,
    wallSeconds: spec.wallSeconds,
    recordsPerSecond,
    calls: spec.calls,
    peakRssMb: spec.memory.rssMb,
    peakHeapMb: spec.memory.heapMb,
    needed: spec.needed,
    bound,
    ratio: ratioToBound(bound.seconds, spec.wallSeconds),
    throughput: spec.throughput,
    legacy: spec.legacy ? { kind: spec.legacy, multiple: legacyMultiple(recordsPerSecond, spec.legacy) } : null,
    notes: spec.notes ?? [],
    details: { ...spec.details, concurrency: spec.concurrency },
  };
}

function runNotes(run: SyncRun): string[] {
  const notes: string[] = [];
  if (run.status !== "SUCCEEDED") notes.push(`run ${run.status}${run.error ? `: ${run.error}` : ""}`);
  if (run.failed) notes.push(`${run.failed} record(s) failed (seeded data errors, e.g. SKUs missing in Visma.net)`);
  return notes;
}

export function runDetails(run: SyncRun) {
  return {
    status: run.status,
    counts: { processed: run.processed, created: run.created, updated: run.updated, skipped: run.skipped, failed: run.failed },
    remoteCalls: run.remoteCalls,
    queuedToStartSeconds: run.startedAt ? (run.startedAt.getTime() - run.queuedAt.getTime()) / 1000 : null,
  };
}

/**
 * The largest pages the best client would read: Visma.net inventory 5,000 and customers 1,000
 * (documented caps), CS-Cart 250 (what the engine uses; CS-Cart documents no cap).
 */
export const MAX_PAGE = { vismaInventory: 5_000, vismaCustomers: 1_000, cscart: 250 } as const;
