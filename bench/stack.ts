/**
 * The benchmark's equipment: its own database, a pg-boss sender, real worker processes, simulators
 * with latency, and tenants pointed at them. Runs go through the queue exactly as the dashboard's
 * "sync now" does (enqueueSync), and are timed from enqueue to the run's finishedAt.
 */
import type PgBoss from "pg-boss";
import { startCscartSimulator, type CscartSimulator } from "../simulators/cscart/server";
import { startVismaSimulator, type VismaSimulator } from "../simulators/visma/server";
import type { CapacityConfigInput } from "../simulators/shared/capacity";
import type { SeedScale } from "../simulators/shared/seed-data";
import { createDemoMappings, DEMO_SETUP_SETTINGS } from "../prisma/seed";
import { db, type Prisma, type SyncRun } from "../lib/db";
import type { ModuleId } from "../lib/sync/modules";
import { enqueueSync } from "../lib/sync/engine/enqueue-sync";
import { createTenant } from "../lib/tenants/create-tenant";
import { connectTenantToSimulators } from "../testing/sync-harness";
import { startWorkerProcess, type WorkerProcess } from "../testing/worker-process";
import type { BenchConfig } from "./config";
import type { BenchContext } from "./scenarios/context";
import { createServer } from "node:net";
import { findNodeProcess, PeakMemoryTracker, WORKER_SCRIPT, type MeasuredProcess, type PeakMemory } from "./rss";

export type Simulators = { cscart: CscartSimulator; visma: VismaSimulator; close(): Promise<void> };

/** Both simulators from one seed (so SKUs and e-mails agree), every request delayed by the latency. */
export async function startSimulators(
  config: BenchConfig,
  seed: number,
  scale: Partial<SeedScale>,
  capacity: { cscart?: CapacityConfigInput; visma?: CapacityConfigInput } = {},
): Promise<Simulators> {
  const faults = { latencyMs: config.latencyMs, jitterMs: config.jitterMs };
  const common = { port: 0, seed, products: 0, customers: 0, orders: 0, ...scale, faults };
  // Visma.net's production budget (15,000/h) would end a 10,000-product run early; the rate-limited
  // scenario sets its own limit in front of the simulator.
  const [cscart, visma] = await Promise.all([
    startCscartSimulator({ ...common, capacity: capacity.cscart ?? {} }),
    startVismaSimulator({ ...common, capacity: capacity.visma ?? {}, rateLimitPerHour: 10_000_000 }),
  ]);
  return { cscart, visma, close: async () => void (await Promise.all([cscart.close(), visma.close()])) };
}

/** A tenant owned by the bench user, connected to the simulators (Visma.net through `vismaUrl` when given). */
export async function createBenchTenant(
  label: string,
  ownerUserId: string,
  sims: Pick<Simulators, "cscart" | "visma">,
  options: { vismaUrl?: string; settings?: Prisma.SettingsUpdateInput } = {},
) {
  const tenant = await createTenant({ slug: `bench-${label}-${Date.now().toString(36)}`, name: `Bench ${label}`, ownerUserId });
  const visma = options.vismaUrl ? { ...sims.visma, url: options.vismaUrl } : sims.visma;
  await connectTenantToSimulators(tenant.id, sims.cscart, visma);
  await createDemoMappings(tenant.id, "bench");
  // Set up as the demo (a new tenant has every module off and no start point for order export).
  await db.settings.update({ where: { tenantId: tenant.id }, data: { ...DEMO_SETUP_SETTINGS, ...options.settings } });
  return tenant;
}

/**
 * A worker process reads ALLOWED_PRIVATE_HOSTS from the environment it started with, and the
 * scenarios start their simulators later, on random ports (connectTenantToSimulators adds them to
 * this process's ALLOWED_PRIVATE_HOSTS). So once a scenario's tenants exist, the main worker is
 * started again and inherits the addresses it must be allowed to call.
 */
export async function restartMainWorker(ctx: BenchContext, env: Record<string, string> = {}): Promise<void> {
  await ctx.worker.stop();
  ctx.worker = await startBenchWorkers(ctx.config, 1, "main", env);
}

/**
 * A worker in production runs for days, so a shop owner's run meets one that has run the module
 * before. A fresh process pays once for what later runs reuse (database connections, each query's
 * compiled plan, code the JIT has not seen yet): about 0.3 s on the first customer import, an
 * eighth of quick scenario 3. So before a measured run the restarted main worker runs the same
 * module once for a tenant of its own, on the warm-up simulators (bench/run.ts starts them before
 * any worker, so every worker may call them). The scenario's simulators see none of it. Returns
 * the warm-up's wall seconds, which the scenario notes.
 */
export async function warmUpMainWorker(ctx: BenchContext, module: ModuleId, settings?: Prisma.SettingsUpdateInput): Promise<number> {
  const tenant = await createBenchTenant(`warm-up-${module.toLowerCase().replaceAll("_", "-")}`, ctx.owner.id, ctx.warmUpSimulators, { settings });
  const warmUp = await measureRun(ctx.boss, ctx.worker, tenant.id, module);
  // measureRun returns a finished run; a failed one would leave the worker half warm.
  if (warmUp.run.status === "FAILED") throw new Error(`the warm-up run of ${module} failed: ${warmUp.run.error ?? warmUp.run.status}`);
  return warmUp.wallSeconds;
}

export type BenchWorkers = {
  workers: WorkerProcess[];
  /** The Node.js processes that run workers/main.ts (checked by command line), with their metrics ports. */
  processes: MeasuredProcess[];
  stop(): Promise<void>;
};

/** A free loopback port (for a worker's metrics, the dashboard's server). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Only for the bench's own workers: their metrics carry the V8 heap figures. */
const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";

/** `env` overrides the defaults below, e.g. a higher IMPORT_CONCURRENCY ceiling or WORKER_SCHEDULES=on. */
export async function startBenchWorkers(config: BenchConfig, count: number, label: string, env: Record<string, string> = {}): Promise<BenchWorkers> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const workers = await Promise.all(
    ports.map((port, i) =>
      startWorkerProcess(`bench-${label}-${i}`, {
        WORKER_HTTP_PORT: String(port),
        METRICS_TOKEN: BENCH_METRICS_TOKEN,
        WORKER_CONCURRENCY: String(config.workerConcurrency),
        IMPORT_CONCURRENCY: String(config.importConcurrency),
        ORDER_EXPORT_CONCURRENCY: String(config.orderExportConcurrency),
        // A long import must not be taken for a dead worker's job.
        SYNC_JOB_EXPIRE_SECONDS: "1800",
        PGBOSS_MAINTENANCE_SECONDS: "60",
        // Experiments on the worker alone, e.g. "--max-old-space-size=128" or "--require <profiler>".
        ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
        ...env,
      }),
    ),
  );
  // The process measured must be the worker itself: a wrong one (a launcher, tsx's esbuild
  // service) would report a few MB and pass every memory target.
  const processes = workers.map((worker, i) => ({
    pid: findNodeProcess(worker.process.pid!, WORKER_SCRIPT),
    metrics: { url: `http://127.0.0.1:${ports[i]}/api/metrics`, token: BENCH_METRICS_TOKEN },
  }));
  return {
    workers,
    processes,
    stop: async () => void (await Promise.all(workers.map((worker) => worker.stop("SIGTERM")))),
  };
}

const FINAL = new Set(["SUCCEEDED", "PARTIAL", "FAILED", "RATE_LIMITED"]);

/** Polls until every run has a final status and a finishedAt; throws after `timeoutMs`. */
export async function waitForRuns(runIds: string[], timeoutMs: number): Promise<SyncRun[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db.syncRun.findMany({ where: { id: { in: runIds } } });
    if (runs.length === runIds.length && runs.every((run) => run.finishedAt && FINAL.has(run.status))) return runs;
    if (Date.now() > deadline) throw new Error(`${runIds.length - runs.filter((run) => run.finishedAt).length} run(s) did not finish in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function enqueueRun(boss: PgBoss, tenantId: string, module: ModuleId): Promise<string> {
  const result = await enqueueSync({ tenantId, module, trigger: "MANUAL" }, boss);
  if (!result.queued) throw new Error(`could not enqueue ${module}: ${result.reason}`);
  return result.runId;
}

export type MeasuredRun = { run: SyncRun; wallSeconds: number; memory: PeakMemory };

/** Enqueues one module run and waits for it, sampling the workers' memory meanwhile. */
export async function measureRun(boss: PgBoss, workers: BenchWorkers, tenantId: string, module: ModuleId, timeoutMs = 30 * 60_000): Promise<MeasuredRun> {
  const memory = new PeakMemoryTracker(workers.processes);
  try {
    const runId = await enqueueRun(boss, tenantId, module);
    const [run] = await waitForRuns([runId], timeoutMs);
    return { run: run!, wallSeconds: wallSecondsOf(run!), memory: await memory.stop() };
  } finally {
    await memory.stop();
  }
}

/** From enqueue (queuedAt) to finishedAt: job pickup included, as a user waiting for a sync sees it. */
export function wallSecondsOf(run: Pick<SyncRun, "queuedAt" | "finishedAt">): number {
  return ((run.finishedAt?.getTime() ?? Date.now()) - run.queuedAt.getTime()) / 1000;
}

/** Writes the simulator saw (POST and PUT on its API), e.g. to prove a no-change run wrote nothing. */
export function apiWrites(stats: { byRoute: Record<string, number> }): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !route.includes("__control"))
    .reduce((sum, [, count]) => sum + count, 0);
}
