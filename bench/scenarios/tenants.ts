/**
 * Scenario 7: many tenants with small data, every module enqueued at once, on three worker
 * processes. Fairness: how far apart the tenants finish (a tenant is done when its last run is).
 */
import { addCalls, splitCalls, type RemoteCallsByRemote } from "../bound";
import { SYNC_MODULES } from "../../lib/sync/modules";
import {
  createBenchTenant,
  enqueueRun,
  restartMainWorker,
  startBenchWorkers,
  startSimulators,
  waitForRuns,
  type BenchWorkers,
  type Simulators,
} from "../stack";
import type { ScenarioResult } from "../table";
import { percentile } from "../percentile";
import { PeakMemoryTracker } from "../rss";
import { rowFromFigures, type BenchContext } from "./context";

export type Spread = { min: number; p50: number; p95: number; max: number; spread: number; maxOverMin: number };

/** Order statistics of per-tenant completion times (seconds). */
export function spreadOf(values: number[]): Spread {
  const min = percentile(values, 0);
  const max = percentile(values, 1);
  return { min, p50: percentile(values, 0.5), p95: percentile(values, 0.95), max, spread: max - min, maxOverMin: min > 0 ? max / min : 0 };
}

export async function runTenantsScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const sims: Simulators[] = [];
  let extra: BenchWorkers | undefined;
  try {
    const tenantIds: string[] = [];
    for (let i = 0; i < config.tenants; i++) {
      const pair = await startSimulators(config, 200 + i, { products: 60, customers: 20, orders: 20 });
      sims.push(pair);
      tenantIds.push((await createBenchTenant(`t${i}`, ctx.owner.id, pair)).id);
    }
    // The main worker is one of the three; the others join for this scenario. All start after the
    // simulators, so they may call them (see restartMainWorker).
    await restartMainWorker(ctx);
    extra = await startBenchWorkers(config, config.tenantWorkers - 1, "tenants");
    ctx.log(`7. ${config.tenants} tenants × ${SYNC_MODULES.ids.length} modules on ${config.tenantWorkers} worker processes`);
    const memory = new PeakMemoryTracker([...ctx.worker.processes, ...extra.processes]);
    const started = Date.now();
    const runIds: string[] = [];
    for (const tenantId of tenantIds) for (const module of SYNC_MODULES.ids) runIds.push(await enqueueRun(ctx.boss, tenantId, module));
    const runs = await waitForRuns(runIds, 20 * 60_000);
    const peak = await memory.stop();
    const finishedAt = (tenantId: string) => Math.max(...runs.filter((run) => run.tenantId === tenantId).map((run) => run.finishedAt!.getTime()));
    const completion = tenantIds.map((tenantId) => (finishedAt(tenantId) - started) / 1000);
    const spread = spreadOf(completion);
    const wallSeconds = spread.max;
    const calls = addCalls(...runs.map((run) => splitCalls(run.remoteCalls as RemoteCallsByRemote)));
    // Scheduling bound: the calls made, spread over every run slot (worker processes × pollers per
    // queue × queues, no more than there are runs), each run at its module's concurrency.
    const slots = Math.min(runs.length, config.tenantWorkers * config.workerConcurrency * SYNC_MODULES.modules.length);
    const perSlotCalls = runs.reduce((sum, run) => {
      const split = splitCalls(run.remoteCalls as RemoteCallsByRemote);
      const concurrency = run.module === "ORDER_EXPORT" ? config.orderExportConcurrency : config.importConcurrency;
      return sum + (split.cscart + split.visma) / concurrency;
    }, 0);
    const failed = runs.filter((run) => run.status === "FAILED");
    const waiting = spreadOf(runs.map((run) => (run.startedAt!.getTime() - run.queuedAt.getTime()) / 1000));
    const running = spreadOf(runs.map((run) => (run.finishedAt!.getTime() - run.startedAt!.getTime()) / 1000));
    return [
      rowFromFigures(ctx, {
        id: "7",
        name: `${config.tenants} tenants, ${config.tenantWorkers} workers`,
        records: runs.reduce((sum, run) => sum + run.processed, 0),
        wallSeconds,
        calls,
        memory: peak,
        // Expressed as calls at concurrency 1 so computeBound's division is already done.
        needed: { cscart: perSlotCalls / slots, visma: 0 },
        concurrency: 1,
        throughput: false,
        notes: [
          `per-tenant completion s: min ${spread.min.toFixed(1)}, p50 ${spread.p50.toFixed(1)}, p95 ${spread.p95.toFixed(1)}, max ${spread.max.toFixed(1)} (spread ${spread.spread.toFixed(1)} s, max/min ${spread.maxOverMin.toFixed(2)})`,
          `per run, queued → started s: p50 ${waiting.p50.toFixed(1)}, max ${waiting.max.toFixed(1)}; started → finished s: p50 ${running.p50.toFixed(1)}, max ${running.max.toFixed(1)}`,
          ...(failed.length ? [`${failed.length} run(s) FAILED: ${failed[0]!.error}`] : []),
        ],
        details: { completionSeconds: completion, spread, waiting, running, runs: runs.length, slots },
      }),
    ];
  } finally {
    await extra?.stop();
    await Promise.all(sims.map((pair) => pair.close()));
  }
}
