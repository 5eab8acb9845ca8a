/**
 * Scenarios 9 and 10: the remote's capacity is the bound, not our own settings.
 * 9a/9b: initial product import into a shop with 4 and with 16 PHP workers; 9c: the same with the
 * shop's capacity halved mid-run and restored later. 10: order export into a Visma.net that serves
 * a few requests at once. The workers' own ceilings are set high (64 records at once), so only the
 * HTTP layer's learned limit stands between the engine and the remote.
 */
import { pagesFor } from "../bound";
import {
  neededWorkMs,
  recoverySeconds,
  secondsForWork,
  splitNeededWrites,
  utilisationBetween,
  type CapacityChange,
  type CapacitySample,
  type ServiceMs,
} from "../capacity";
import { isSelected } from "../config";
import { createBenchTenant, measureRun, restartMainWorker, startSimulators, type Simulators } from "../stack";
import type { ScenarioResult } from "../table";
import { MAX_PAGE, rowFromRun, type BenchContext } from "./context";
import type { CapacityConfigInput, CapacityStats } from "../../simulators/shared/capacity";
import type { ModuleId } from "../../lib/sync/modules";

/** Far above any remote's capacity here: the learned limit is what holds the engine back. */
const CEILINGS = { IMPORT_CONCURRENCY: "64", ORDER_EXPORT_CONCURRENCY: "64" };
/** Recovery: back above this share of the capacity within this many seconds of a change. */
export const RECOVERY = { threshold: 0.8, withinSeconds: 30, windowSeconds: 3 } as const;

type Shop = { id: string; workers: number; products: number; changes: CapacityChange[] };

type CapacityRemote = { setCapacity(config: CapacityConfigInput): unknown; capacityStats(): CapacityStats };

/**
 * Runs the module against a remote with a capacity model, changing its workers at the given times
 * (seconds from the enqueue), and samples its counts every half second meanwhile.
 */
async function measureAgainstCapacity(
  ctx: BenchContext,
  remote: CapacityRemote,
  capacity: CapacityConfigInput,
  tenantId: string,
  module: ModuleId,
  changes: readonly CapacityChange[],
) {
  const samples: CapacitySample[] = [];
  const startedAt = Date.now();
  const take = () => {
    const stats = remote.capacityStats();
    samples.push({ atSeconds: (Date.now() - startedAt) / 1000, busyMs: stats.busyMs, offeredMs: stats.offeredMs, overloaded: stats.refused + stats.timedOut });
  };
  const timers = [
    setInterval(take, 500),
    ...changes.map((change) => setTimeout(() => remote.setCapacity({ ...capacity, workers: change.workers }), change.atSeconds * 1000)),
  ];
  try {
    const measured = await measureRun(ctx.boss, ctx.worker, tenantId, module);
    take();
    return { measured, samples, stats: remote.capacityStats() };
  } finally {
    timers.forEach(clearTimeout);
  }
}

/** Share of the capacity used in each phase between changes (and where the 503s fell), for the notes. */
function phaseNotes(samples: readonly CapacitySample[], changes: readonly CapacityChange[]): string {
  const bounds = [0, ...changes.map((change) => change.atSeconds), samples[samples.length - 1]?.atSeconds ?? 0];
  const at = (seconds: number) => samples.reduce((best, sample) => (Math.abs(sample.atSeconds - seconds) < Math.abs(best.atSeconds - seconds) ? sample : best));
  return bounds
    .slice(0, -1)
    .map((from, index) => {
      const to = bounds[index + 1]!;
      const overloaded = (at(to).overloaded ?? 0) - (at(from).overloaded ?? 0);
      return `${from.toFixed(0)}–${to.toFixed(0)} s: ${(100 * utilisationBetween(samples, from, to)).toFixed(0)}% used${overloaded ? `, ${overloaded} overloaded` : ""}`;
    })
    .join("; ");
}

function overloadShare(stats: CapacityStats): { answered: number; overloaded: number; share: number } {
  const served = stats.served.read + stats.served.write + stats.served.imageWrite;
  const overloaded = stats.refused + stats.timedOut;
  const answered = served + overloaded;
  return { answered, overloaded, share: overloaded / Math.max(1, answered) };
}

async function shopScenario(ctx: BenchContext, shop: Shop): Promise<ScenarioResult> {
  const { config } = ctx;
  const service = config.shopServiceMs;
  const capacity = { workers: shop.workers, serviceMs: service, queueLimit: shop.workers, queueTimeoutMs: 30_000 };
  const sims = await startSimulators(config, 31, { products: shop.products, customers: 20 }, { cscart: capacity });
  try {
    const tenant = await createBenchTenant(`capacity-${shop.id}`, ctx.owner.id, sims);
    await restartMainWorker(ctx, CEILINGS);
    const shopProductsBefore = sims.cscart.state.products.size;
    sims.cscart.resetRequestStats();
    ctx.log(
      `${shop.id}. initial product import into a shop with ${shop.workers} PHP workers${shop.changes.length ? `, then ${shop.changes.map((change) => `${change.workers} at ${change.atSeconds} s`).join(", ")}` : ""}: ${shop.products} items`,
    );
    const { measured, samples, stats } = await measureAgainstCapacity(ctx, sims.cscart, capacity, tenant.id, "PRODUCT_IMPORT", shop.changes);
    const { run } = measured;
    // A write per created or updated product (with its picture where the data has one), and one
    // listing of the shop, 250 a page, to learn the ids of products it already has.
    const written = splitNeededWrites(run.created + run.updated, stats.served.imageWrite);
    const workMs = neededWorkMs({ reads: pagesFor(shopProductsBefore, MAX_PAGE.cscart), ...written }, service);
    const overload = overloadShare(stats);
    const recoveries = shop.changes.map((change) => ({ ...change, seconds: recoverySeconds(samples, change.atSeconds, RECOVERY) }));
    return rowFromRun(ctx, measured, {
      id: shop.id,
      name: `Product import, shop k=${shop.workers}${shop.changes.length ? ` → ${shop.changes.map((change) => change.workers).join(" → ")}` : ""}`,
      needed: { cscart: pagesFor(shopProductsBefore, MAX_PAGE.cscart) + run.created + run.updated, visma: pagesFor(run.processed, MAX_PAGE.vismaInventory) },
      concurrency: shop.workers,
      bound: { seconds: secondsForWork(workMs, shop.workers, shop.changes), limitedBy: "capacity" },
      throughput: true,
      legacy: "products",
      notes: [
        `shop: ${shop.workers} workers, service ms read ${service.read} / write ${service.write} / picture write ${service.imageWrite}, backlog ${shop.workers}; served ${stats.served.read} reads, ${stats.served.write} writes, ${stats.served.imageWrite} picture writes; ${overload.overloaded} of ${overload.answered} answered 503/504 (${(100 * overload.share).toFixed(2)}%), longest queue ${stats.peakQueue}`,
        `capacity used: ${phaseNotes(samples, shop.changes)}`,
        ...recoveries.map(
          (recovery) =>
            `capacity → ${recovery.workers} at ${recovery.atSeconds} s: above ${RECOVERY.threshold} of it ${recovery.seconds === null ? "not again before the run ended" : `after ${recovery.seconds.toFixed(1)} s`}`,
        ),
      ],
      details: { capacity: { server: "cscart", workers: shop.workers, changes: shop.changes, serviceMs: service, stats, overload, recoveries, samples } },
    });
  } finally {
    await sims.close();
  }
}

/** Order export into a Visma.net that serves `workers` requests at once (its concurrency). */
async function vismaScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { config } = ctx;
  const service: ServiceMs = config.vismaServiceMs;
  const workers = config.vismaWorkers;
  const capacity = { workers, serviceMs: service, queueLimit: workers, queueTimeoutMs: 30_000 };
  const seeded = Math.round((config.vismaCapacityOrders * 37) / 36);
  const sims: Simulators = await startSimulators(
    config,
    37,
    { products: 200, customers: Math.round(config.vismaCapacityOrders / 2), orders: seeded },
    { visma: capacity },
  );
  try {
    const tenant = await createBenchTenant("capacity-visma", ctx.owner.id, sims, { settings: { exportStatuses: ["P", "C", "O", "F", "I"] } });
    await restartMainWorker(ctx, CEILINGS);
    const customersBefore = sims.visma.state.customers.size;
    sims.visma.resetRequestStats();
    ctx.log(`10. order export into a Visma.net serving ${workers} requests at once: ${sims.cscart.state.orders.size} orders`);
    const { measured, samples, stats } = await measureAgainstCapacity(ctx, sims.visma, capacity, tenant.id, "ORDER_EXPORT", []);
    const { run } = measured;
    const customersCreated = sims.visma.state.customers.size - customersBefore;
    const sent = run.created + run.failed;
    // A sales order POST per order sent, a customer POST per new customer, the customer index read
    // 1,000 a page, and the token; the shop's reads (an order list and a GET per order) are free here.
    const reads = pagesFor(customersBefore, MAX_PAGE.vismaCustomers) + 1;
    const workMs = neededWorkMs({ reads, writes: sent + customersCreated, imageWrites: 0 }, service);
    const overload = overloadShare(stats);
    return rowFromRun(ctx, measured, {
      id: "10",
      name: `Order export, Visma.net k=${workers}`,
      needed: { cscart: pagesFor(run.processed, MAX_PAGE.cscart) + sent, visma: reads + sent + customersCreated },
      concurrency: workers,
      bound: { seconds: secondsForWork(workMs, workers), limitedBy: "capacity" },
      throughput: true,
      legacy: "orders",
      notes: [
        `Visma.net: ${workers} at once, service ms read ${service.read} / write ${service.write}; ${customersCreated} customer(s) created; ${overload.overloaded} of ${overload.answered} answered 503/504 (${(100 * overload.share).toFixed(2)}%), longest queue ${stats.peakQueue}`,
        `capacity used: ${phaseNotes(samples, [])}; by second: ${samples
          .filter((_, index) => index % 2 === 0)
          .map((sample, index, even) => (index ? (100 * utilisationBetween(samples, even[index - 1]!.atSeconds, sample.atSeconds)).toFixed(0) : ""))
          .filter(Boolean)
          .join(" ")}`,
      ],
      details: { capacity: { server: "visma", workers, changes: [], serviceMs: service, stats, overload, recoveries: [], samples } },
    });
  } finally {
    await sims.close();
  }
}

export async function runCapacityScenarios(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const rows: ScenarioResult[] = [];
  const shops: Shop[] = [
    { id: "9a", workers: 4, products: config.capacityProducts.k4, changes: [] },
    { id: "9b", workers: 16, products: config.capacityProducts.k16, changes: [] },
    {
      id: "9c",
      workers: 16,
      products: config.capacityProducts.halved,
      changes: config.capacityChanges.map((atSeconds, index) => ({ atSeconds, workers: index % 2 === 0 ? 8 : 16 })),
    },
  ];
  for (const shop of shops) if (isSelected(config, shop.id)) rows.push(await shopScenario(ctx, shop));
  if (isSelected(config, "10")) rows.push(await vismaScenario(ctx));
  return rows;
}
