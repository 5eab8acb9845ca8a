/** Benchmark settings: sizes per mode (quick / full), latency, concurrency, from argv and env. */

export type BenchMode = "quick" | "full";

export type BenchConfig = {
  mode: BenchMode;
  /** Scenario ids to run (all when empty), e.g. --only=1,4. */
  only: string[];
  /** --baseline: also write the results to bench/results/baseline.json (committed; run in full mode). */
  writeBaseline: boolean;
  /** --compare: print each figure beside the committed baseline's. */
  compare: boolean;
  latencyMs: number;
  jitterMs: number;
  /** The engine's knobs, passed to the worker processes and used in the bound. */
  importConcurrency: number;
  orderExportConcurrency: number;
  workerConcurrency: number;
  products: number;
  customers: number;
  orders: number;
  /** Orders of customers who already exist in Visma.net (the calls-per-order target). */
  ordersExistingCustomers: number;
  /** Scenario 6: Visma.net capped at `rateLimit` calls per `rateWindowSeconds`. */
  rateLimitedOrders: number;
  rateLimit: number;
  rateWindowSeconds: number;
  tenants: number;
  tenantWorkers: number;
  logRows: number;
  /** Dashboard load per URL: connections and seconds. */
  httpConnections: number;
  httpSeconds: number;
  /** Scenarios 9: products imported into a shop with 4 and 16 PHP workers, and with its capacity changed mid-run. */
  capacityProducts: { k4: number; k16: number; halved: number };
  /** 9c: seconds after the start when the shop's 16 workers become 8, then 16 again. */
  capacityChanges: number[];
  /** The shop's service times per request kind (ms): reads, writes, product writes with a picture to download. */
  shopServiceMs: { read: number; write: number; imageWrite: number };
  /** Scenario 10: orders exported into a Visma.net that serves `vismaWorkers` requests at once. */
  vismaCapacityOrders: number;
  vismaWorkers: number;
  vismaServiceMs: { read: number; write: number; imageWrite: number };
  /** Scenario 11: tenants with schedules on, run history rows, minutes measured, worker processes. */
  scaleTenants: number;
  scaleHistoryRuns: number;
  scaleMinutes: number;
  scaleWorkers: number;
  /** The runs per second scenario 11's steady state asks for: what three workers on two cores keep up with. */
  scaleRunsPerSecond: number;
};

/**
 * Service times of the simulated remotes (simulators/shared/capacity.ts): a shop on modest hosting
 * answers a read in tens of milliseconds, a product update in about a tenth of a second, and an
 * update that makes it download a picture in more than half a second; Visma.net takes a little
 * longer to create a sales order.
 */
const REMOTE_SERVICE = {
  shopServiceMs: { read: 40, write: 120, imageWrite: 600 },
  vismaWorkers: 4,
  vismaServiceMs: { read: 40, write: 150, imageWrite: 150 },
};

const SIZES: Record<
  BenchMode,
  Omit<
    BenchConfig,
    "mode" | "only" | "writeBaseline" | "compare" | "latencyMs" | "jitterMs" | "importConcurrency" | "orderExportConcurrency" | "workerConcurrency"
  >
> = {
  // Quick: the same scenarios, smaller, in under two minutes on two cores (once the dashboard is
  // built). The rate limit keeps its rate (600/min) over a 5 s window so it bites in a short run.
  quick: {
    products: 2_000,
    customers: 500,
    orders: 500,
    ordersExistingCustomers: 150,
    rateLimitedOrders: 120,
    rateLimit: 50,
    rateWindowSeconds: 5,
    tenants: 10,
    tenantWorkers: 3,
    logRows: 200_000,
    httpConnections: 4,
    httpSeconds: 2,
    capacityProducts: { k4: 300, k16: 1_500, halved: 2_400 },
    capacityChanges: [15, 30],
    vismaCapacityOrders: 600,
    scaleTenants: 10_000,
    scaleHistoryRuns: 1_000_000,
    scaleMinutes: 3,
    scaleWorkers: 3,
    scaleRunsPerSecond: 4,
    ...REMOTE_SERVICE,
  },
  full: {
    products: 10_000,
    customers: 5_000,
    orders: 2_000,
    ordersExistingCustomers: 1_000,
    rateLimitedOrders: 1_000,
    rateLimit: 600,
    rateWindowSeconds: 60,
    tenants: 50,
    tenantWorkers: 3,
    logRows: 1_000_000,
    httpConnections: 4,
    httpSeconds: 8,
    capacityProducts: { k4: 2_000, k16: 10_000, halved: 10_000 },
    capacityChanges: [30, 60],
    vismaCapacityOrders: 1_000,
    scaleTenants: 10_000,
    scaleHistoryRuns: 10_000_000,
    scaleMinutes: 5,
    scaleWorkers: 3,
    scaleRunsPerSecond: 4,
    ...REMOTE_SERVICE,
  },
};

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || value === "" ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function parseBenchArgs(argv: readonly string[], environment: Record<string, string | undefined> = process.env): BenchConfig {
  const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
  const mode: BenchMode = argv.includes("--quick") || environment.BENCH_MODE === "quick" ? "quick" : "full";
  return {
    mode,
    only: (flag("only") ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
    writeBaseline: argv.includes("--baseline"),
    compare: argv.includes("--compare"),
    latencyMs: numberFrom(flag("latency-ms") ?? environment.BENCH_LATENCY_MS, 25),
    jitterMs: numberFrom(flag("jitter-ms") ?? environment.BENCH_JITTER_MS, 10),
    // Scenarios 1–8 run at these (their bound is latency ÷ concurrency); 9 and 10 lift them, so only
    // the remote's capacity holds the engine back.
    importConcurrency: numberFrom(environment.IMPORT_CONCURRENCY, 8),
    orderExportConcurrency: numberFrom(environment.ORDER_EXPORT_CONCURRENCY, 4),
    workerConcurrency: numberFrom(environment.WORKER_CONCURRENCY, 4),
    ...SIZES[mode],
    // Scenario 11 smaller, for working on it (the figures then say nothing about 10,000 tenants).
    ...(environment.BENCH_SCALE_TENANTS ? { scaleTenants: numberFrom(environment.BENCH_SCALE_TENANTS, SIZES[mode].scaleTenants) } : {}),
    ...(environment.BENCH_SCALE_HISTORY_RUNS ? { scaleHistoryRuns: numberFrom(environment.BENCH_SCALE_HISTORY_RUNS, SIZES[mode].scaleHistoryRuns) } : {}),
    ...(environment.BENCH_SCALE_MINUTES ? { scaleMinutes: numberFrom(environment.BENCH_SCALE_MINUTES, SIZES[mode].scaleMinutes) } : {}),
  };
}

/** Whether a scenario id (e.g. "2b") is selected by --only (which may name "2" for all of 2a, 2b). */
export function isSelected(config: Pick<BenchConfig, "only">, id: string): boolean {
  return config.only.length === 0 || config.only.some((wanted) => id === wanted || id.replace(/[a-z]$/, "") === wanted);
}
