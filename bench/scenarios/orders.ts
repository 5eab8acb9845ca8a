/**
 * Scenarios 4 and 6: order export. 4a: seeded orders whose customers partly exist in Visma.net
 * (the rest are created); 4b: new orders, all by customers Visma.net already has; 6: the same
 * export with Visma.net capped (600 calls a minute) by a fixed-window proxy.
 */
import { isSelected } from "../config";
import { pagesFor, type CallSplit } from "../bound";
import { startRateLimitProxy } from "../rate-limit-proxy";
import { createBenchTenant, measureRun, restartMainWorker, startSimulators, warmUpMainWorker, type MeasuredRun, type Simulators } from "../stack";
import type { ScenarioResult } from "../table";
import { MAX_PAGE, rowFromRun, warmUpNote, type BenchContext } from "./context";

/** Every status a finished checkout can have; the seed spreads orders over all of them. */
const EXPORT_STATUSES = ["P", "C", "O", "F", "I"];

/** Seeded orders with status N (1 in 37) are incomplete and never listed; seed enough to list ~n. */
const seededOrdersFor = (listed: number) => Math.round((listed * 37) / 36);

/** One listing of the orders, a GET and a POST per order, a POST per new customer, the customer index. */
function neededForExport(run: MeasuredRun["run"], customersBefore: number, customersCreated: number): CallSplit {
  const sent = run.created + run.failed;
  return {
    cscart: pagesFor(run.processed, MAX_PAGE.cscart) + sent,
    visma: sent + customersCreated + pagesFor(customersBefore, MAX_PAGE.vismaCustomers),
  };
}

async function exportOnce(ctx: BenchContext, sims: Simulators, tenantId: string) {
  const customersBefore = sims.visma.state.customers.size;
  const measured = await measureRun(ctx.boss, ctx.worker, tenantId, "ORDER_EXPORT");
  const customersCreated = sims.visma.state.customers.size - customersBefore;
  return { measured, customersCreated, needed: neededForExport(measured.run, customersBefore, customersCreated) };
}

export async function runOrderScenarios(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const rows: ScenarioResult[] = [];
  const concurrency = config.orderExportConcurrency;
  const settings = { exportStatuses: EXPORT_STATUSES };

  if (isSelected(config, "4")) {
    const sims = await startSimulators(config, 17, { products: 400, customers: Math.round(config.orders / 2), orders: seededOrdersFor(config.orders) });
    try {
      const tenant = await createBenchTenant("orders", ctx.owner.id, sims, { settings });
      await restartMainWorker(ctx);
      const warmUpSeconds = await warmUpMainWorker(ctx, "ORDER_EXPORT", settings);
      ctx.log(`4a. order export: ${sims.cscart.state.orders.size} seeded orders, ${sims.visma.state.customers.size} Visma.net customers`);
      const mixed = await exportOnce(ctx, sims, tenant.id);
      rows.push(
        rowFromRun(ctx, mixed.measured, {
          id: "4a",
          name: "Order export, customers existing and new",
          needed: mixed.needed,
          concurrency,
          throughput: true,
          legacy: "orders",
          notes: [`${mixed.customersCreated} Visma.net customer(s) created`, warmUpNote("ORDER_EXPORT", warmUpSeconds)],
        }),
      );

      const placed = placeOrdersOfExistingCustomers(sims, config.ordersExistingCustomers);
      ctx.log(`4b. order export: ${placed} new orders, all by existing Visma.net customers`);
      const existing = await exportOnce(ctx, sims, tenant.id);
      rows.push(
        rowFromRun(ctx, existing.measured, {
          id: "4b",
          name: "Order export, customers existing",
          needed: existing.needed,
          concurrency,
          throughput: true,
          legacy: "orders",
          notes: existing.customersCreated ? [`${existing.customersCreated} Visma.net customer(s) created`] : [],
        }),
      );
    } finally {
      await sims.close();
    }
  }

  if (isSelected(config, "6")) {
    const sims = await startSimulators(config, 19, {
      products: 400,
      customers: Math.round(config.rateLimitedOrders / 2),
      orders: seededOrdersFor(config.rateLimitedOrders),
    });
    const proxy = await startRateLimitProxy({ target: sims.visma.url, limit: config.rateLimit, windowMs: config.rateWindowSeconds * 1000 });
    try {
      const tenant = await createBenchTenant("ratelimited", ctx.owner.id, sims, { settings, vismaUrl: proxy.url });
      await restartMainWorker(ctx);
      const warmUpSeconds = await warmUpMainWorker(ctx, "ORDER_EXPORT", settings);
      const perMinute = (config.rateLimit * 60) / config.rateWindowSeconds;
      ctx.log(`6. rate-limited order export: ${sims.cscart.state.orders.size} orders, Visma.net ${config.rateLimit} calls per ${config.rateWindowSeconds} s`);
      const limited = await exportOnce(ctx, sims, tenant.id);
      const { calls, rateLimited } = proxy.stats();
      rows.push(
        rowFromRun(ctx, limited.measured, {
          id: "6",
          name: `Order export, Visma.net ${perMinute}/min`,
          needed: limited.needed,
          concurrency,
          throughput: true,
          legacy: "orders",
          vismaCallsPerSecond: config.rateLimit / config.rateWindowSeconds,
          notes: [
            `${rateLimited} of ${calls} metered Visma.net calls answered 429 (${((100 * rateLimited) / Math.max(1, calls)).toFixed(2)}%); window ${config.rateLimit} per ${config.rateWindowSeconds} s`,
            warmUpNote("ORDER_EXPORT", warmUpSeconds),
          ],
          details: { proxy: { calls, rateLimited, limit: config.rateLimit, windowSeconds: config.rateWindowSeconds } },
        }),
      );
    } finally {
      await proxy.close();
      await sims.close();
    }
  }
  return rows;
}

/** New paid orders in the shop, each by a customer Visma.net has (by main contact e-mail). */
function placeOrdersOfExistingCustomers(sims: Simulators, count: number): number {
  const emails = [...sims.visma.state.customers.values()]
    .filter((customer) => customer.status === "Active" && customer.mainContact.email)
    .map((customer) => customer.mainContact.email);
  const sellable = new Set([...sims.visma.state.inventory.values()].filter((item) => item.status === "Active").map((item) => item.inventoryNumber));
  const codes = [...sims.cscart.state.products.values()]
    .filter((product) => product.status === "A" && sellable.has(product.productCode))
    .map((product) => product.productCode);
  for (let i = 0; i < count; i++) {
    sims.cscart.createOrder({
      email: emails[i % emails.length]!,
      status: "P",
      lines: [
        { productCode: codes[i % codes.length]!, amount: 1 + (i % 3) },
        { productCode: codes[(i * 7 + 3) % codes.length]!, amount: 1 },
      ],
    });
  }
  return count;
}
