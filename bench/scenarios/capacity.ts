/**
 * Scenarios 9 and 10: the remote's capacity is the bound, not our own settings.
 * 9a/9b: initial product import into a shop with 4 and with 16 PHP workers; 9c: the same with the
 * shop's capacity halved mid-run and restored later. 10: order export into a Visma.net that serves
 * a few requests at once. The workers' own ceilings are set high (64 records at once), so only the
 * HTTP layer's learned limit stands between the engine and the remote.
 */
import { pagesFor } from "../bound";
import { neededWorkMs, recoverySeconds, secondsForWork, splitNeededWrites, type CapacityChange, type CapacitySample, type ServiceMs } from "../capacity";
import { isSelected } from "../config";
import { createBenchTenant, measureRun, restartMainWorker, startSimulators, type MeasuredRun, type Simulators } from "../stack";
import type { ScenarioResult } from "../table";
import { MAX_PAGE, rowFromRun, type BenchContext } from "./context";
import type { CapacityStats } from "../../simulators/shared/capacity";

/** Far above any remote's capacity here: the learned limit is what holds the engine back. */
const CEILINGS = { IMPORT_CONCURRENCY: "64", ORDER_EXPORT_CONCURRENCY: "64" };
/** Recovery: back above this share of the capacity within this many seconds of a change. */
export const RECOVERY = { threshold: 0.8, withinSeconds: 30, windowSeconds: 3 } as const;

type Shop = { id: string; workers: number; products: number; changes: CapacityChange[] };

/** Samples the capacity model every half second, in seconds from `startedAt`. */
function sampleCapacity(read: () => CapacityStats, startedAt: () => number) {
  const samples: CapacitySample[] = [];
  const take = () => {
    const stats = read();
    samples.push({ atSeconds: (Date.now() - startedAt()) / 1000, busyMs: stats.busyMs, offeredMs: stats.offeredMs });
  };
  const timer = setInterval(take, 500);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
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
    ctx.log(`${shop.id}. initial product import into a shop with ${shop.workers} PHP workers${shop.changes.length ? `, then ${shop.changes.map((change) => `${change.workers} at ${change.atSeconds} s`).join(", ")}` : ""}: ${shop.products} items`);
    let startedAt = Date.now();
    const sampler = sampleCapacity(() => sims.cscart.capacityStats(), () => startedAt);
    const timers = shop.changes.map((change) => setTimeout(() => sims.cscart.setCapacity({ ...capacity, workers: change.workers }), change.atSeconds * 1000));
    startedAt = Date.now();
    let measured: MeasuredRun;
    try {
      measured = await measureRun(ctx.boss, ctx.worker, tenant.id, "PRODUCT_IMPORT");
    } finally {
      timers.forEach(clearTimeout);
    }
    const samples = sampler.stop();
    const stats = sims.cscart.capacityStats();
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
        ...recoveries.map((recovery) => `capacity → ${recovery.workers} at ${recovery.atSeconds} s: above ${RECOVERY.threshold} of it ${recovery.seconds === null ? "not again before the run ended" : `after ${recovery.seconds.toFixed(1)} s`}`),
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
  const sims: Simulators = await startSimulators(config, 37, { products: 200, customers: Math.round(config.vismaCapacityOrders / 2), orders: seeded }, { visma: capacity });
  try {
    const tenant = await createBenchTenant("capacity-visma", ctx.owner.id, sims, { settings: { exportStatuses: ["P", "C", "O", "F", "I"] } });
    await restartMainWorker(ctx, CEILINGS);
    const customersBefore = sims.visma.state.customers.size;
    sims.visma.resetRequestStats();
    ctx.log(`10. order export into a Visma.net serving ${workers} requests at once: ${sims.cscart.state.orders.size} orders`);
    const measured = await measureRun(ctx.boss, ctx.worker, tenant.id, "ORDER_EXPORT");
    const stats = sims.visma.capacityStats();
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
      ],
      details: { capacity: { server: "visma", workers, changes: [], serviceMs: service, stats, overload, recoveries: [] } },
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
    { id: "9c", workers: 16, products: config.capacityProducts.halved, changes: config.capacityChanges.map((atSeconds, index) => ({ atSeconds, workers: index % 2 === 0 ? 8 : 16 })) },
  ];
  for (const shop of shops) if (isSelected(config, shop.id)) rows.push(await shopScenario(ctx, shop));
  if (isSelected(config, "10")) rows.push(await vismaScenario(ctx));
  return rows;
}
