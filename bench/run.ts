/**
 * `npm run bench [-- --quick] [-- --only=1,4]`: starts a database, real worker processes and the
 * simulators with latency, runs the scenarios, prints the table and writes bench/results/latest.json.
 * See bench/README.md for the columns and the bound.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/devstack/embedded-db";
import { applyMigrations } from "../lib/devstack/migrate";
import { PORTS } from "../lib/devstack/ports";
import { recreateDatabase, withDatabaseName } from "../lib/devstack/test-database";
import { meanLatencyMs } from "./bound";
import { describeMachine, formatComparison, type BenchResults, type MachineDescription } from "./compare";
import { isSelected, parseBenchArgs } from "./config";
import type { BenchContext } from "./scenarios/context";
import type { ScenarioResult } from "./table";

const RESULTS_FILE = path.join("bench", "results", "latest.json");
/** Committed: a full-mode run on a quiet machine, with the machine and its load. */
const BASELINE_FILE = path.join("bench", "results", "baseline.json");
const BENCH_PG_PORT = Number(process.env.APICENTER_BENCH_PG_PORT ?? PORTS.benchPostgres);

/**
 * Outside the project: next build traces the project's .data folder (lib/env.ts reads a file there)
 * into its standalone output, and copying a running server's files fails the build.
 */
const BENCH_PG_DIR = path.join(os.tmpdir(), `apicenter-pg-bench-${BENCH_PG_PORT}`);

/** DATABASE_URL's server when set, else an embedded one in BENCH_PG_DIR; a fresh, migrated database. */
async function prepareBenchDatabase(): Promise<{ url: string; server?: EmbeddedDatabase }> {
  const server = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: BENCH_PG_DIR, port: BENCH_PG_PORT, database: "postgres" });
  const url = withDatabaseName(process.env.DATABASE_URL ?? server!.url, "apicenter_bench");
  await recreateDatabase(url);
  await applyMigrations(url);
  return { url, server };
}

async function main() {
  const config = parseBenchArgs(process.argv.slice(2));
  const began = Date.now();
  // Other processes on the machine disturb every figure: the load goes with the results.
  const load = { start: os.loadavg()[0]!, end: 0, max: os.loadavg()[0]! };
  const loadTimer = setInterval(() => (load.max = Math.max(load.max, os.loadavg()[0]!)), 5_000);
  loadTimer.unref();
  const log = (line: string) => console.log(`[bench +${((Date.now() - began) / 1000).toFixed(1)}s] ${line}`);
  log(
    `${config.mode} mode, latency ${config.latencyMs} ms + jitter ${config.jitterMs} ms, import concurrency ${config.importConcurrency}, order export concurrency ${config.orderExportConcurrency}, ${config.workerConcurrency} jobs per queue per worker`,
  );

  // The database comes first: lib/ reads DATABASE_URL when it first touches the database.
  const database = await prepareBenchDatabase();
  process.env.DATABASE_URL = database.url;
  // The bench's workers take jobs only from the bench's own database, so the tests' guard against
  // workers sharing a queue with other test files does not apply.
  process.env.APICENTER_TESTS_MAY_START_WORKERS = "1";
  const { createBoss, startBoss } = await import("../lib/jobs/boss");
  const { createUser } = await import("../lib/tenants/create-user");
  const { disconnectDb } = await import("../lib/db");
  const { startBenchWorkers, startSimulators } = await import("./stack");
  const { allowLocalServers } = await import("../testing/allow-local-servers");
  const { runProductScenarios } = await import("./scenarios/products");
  const { runCustomerScenario } = await import("./scenarios/customers");
  const { runOrderScenarios } = await import("./scenarios/orders");
  const { runTenantsScenario } = await import("./scenarios/tenants");
  const { runDashboardScenario } = await import("./scenarios/dashboard");
  const { runCapacityScenarios } = await import("./scenarios/capacity");
  const { runScaleScenario } = await import("./scenarios/scale");
  const { checkTargets } = await import("./targets");
  const { formatResults } = await import("./table");

  const boss = createBoss({ role: "web" });
  await startBoss(boss);
  const owner = { email: `bench-owner@bench.apicenter.local`, password: "bench-owner-password" };
  const user = await createUser({ email: owner.email, name: "Bench owner", password: owner.password });
  // Before any worker starts, so every worker may call them (see warmUpMainWorker).
  const warmUpSimulators = await startSimulators(config, 7, { products: 10, customers: 10, orders: 10 });
  allowLocalServers(warmUpSimulators.cscart.url, warmUpSimulators.visma.url);
  const worker = await startBenchWorkers(config, 1, "main");
  log(`database ${new URL(database.url).pathname.slice(1)} ready, worker pid ${worker.processes.map((process) => process.pid).join(", ")}`);

  const ctx: BenchContext = {
    config,
    boss,
    worker,
    warmUpSimulators,
    owner: { id: user.id, ...owner },
    meanLatencyMs: meanLatencyMs(config.latencyMs, config.jitterMs),
    log,
  };
  const results: ScenarioResult[] = [];
  const failures: string[] = [];
  const scenarios: [string[], () => Promise<ScenarioResult[]>][] = [
    [["1", "2", "5"], () => runProductScenarios(ctx)],
    [["3"], () => runCustomerScenario(ctx)],
    [["4", "6"], () => runOrderScenarios(ctx)],
    [["7"], () => runTenantsScenario(ctx)],
    [["8"], () => runDashboardScenario(ctx)],
    [["9", "10"], () => runCapacityScenarios(ctx)],
    [["11"], () => runScaleScenario(ctx)],
  ];
  try {
    for (const [ids, run] of scenarios) {
      if (!ids.some((id) => isSelected(config, id))) continue;
      try {
        results.push(...(await run()));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push(`scenario ${ids.join("/")}: ${message}`);
        log(`scenario ${ids.join("/")} failed: ${message}`);
      }
    }
  } finally {
    await ctx.worker.stop();
    await warmUpSimulators.close();
    await boss.stop({ graceful: false });
    await disconnectDb();
    await database.server?.stop();
  }

  results.sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const targets = checkTargets(results);
  console.log(`\nAPIcenter benchmark, ${config.mode} mode (${((Date.now() - began) / 1000).toFixed(0)} s)\n`);
  console.log(formatResults(results, targets));
  if (failures.length) console.log(`\nScenarios that did not finish:\n${failures.map((failure) => `  ${failure.split("\n")[0]}`).join("\n")}`);

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  clearInterval(loadTimer);
  load.end = os.loadavg()[0]!;
  load.max = Math.max(load.max, load.end);
  const machine: MachineDescription = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    load,
    ...(process.env.BENCH_MACHINE_NOTE ? { note: process.env.BENCH_MACHINE_NOTE } : {}),
  };
  const output: BenchResults & Record<string, unknown> = {
    finishedAt: new Date().toISOString(),
    totalSeconds: (Date.now() - began) / 1000,
    config,
    machine,
    results,
    targets,
    failures,
  };
  const text = `${JSON.stringify(output, null, 2)}\n`;
  writeFileSync(RESULTS_FILE, text);
  console.log(`\nMachine: ${describeMachine(machine)}\nWrote ${RESULTS_FILE}`);
  if (config.writeBaseline) {
    writeFileSync(BASELINE_FILE, text);
    console.log(`Wrote ${BASELINE_FILE}`);
  }
  if (config.compare) {
    if (existsSync(BASELINE_FILE)) console.log(`\n${formatComparison(output, JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as BenchResults)}`);
    else console.log(`\nNo ${BASELINE_FILE} to compare with: run the full mode with --baseline once.`);
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
