/**
 * Scenarios 1, 2 and 5 on one tenant: the initial product import, incremental imports with 1 % and
 * with nothing changed, then stock sync (a first pass, and one with 5 % of the stock changed).
 */
import { isSelected } from "../config";
import { pagesFor } from "../bound";
import { apiWrites, createBenchTenant, measureRun, restartMainWorker, startSimulators, warmUpMainWorker } from "../stack";
import type { ScenarioResult } from "../table";
import { MAX_PAGE, rowFromRun, warmUpNote, type BenchContext } from "./context";

export async function runProductScenarios(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const rows: ScenarioResult[] = [];
  const sims = await startSimulators(config, 11, { products: config.products, customers: 20 });
  try {
    const tenant = await createBenchTenant("products", ctx.owner.id, sims);
    ctx.dashboardTenant = tenant;
    await restartMainWorker(ctx);
    const warmUpSeconds = await warmUpMainWorker(ctx, "PRODUCT_IMPORT");
    const concurrency = config.importConcurrency;
    const vismaItems = [...sims.visma.state.inventory.values()];

    ctx.log(`1. initial product import: ${vismaItems.length} Visma.net items, ${sims.cscart.state.products.size} already in the shop`);
    const shopProductsBefore = sims.cscart.state.products.size;
    const initial = await measureRun(ctx.boss, ctx.worker, tenant.id, "PRODUCT_IMPORT");
    if (isSelected(config, "1")) {
      rows.push(
        rowFromRun(ctx, initial, {
          id: "1",
          name: `Initial product import (${config.products.toLocaleString("en-US")} seeded)`,
          // A write per created or updated product, the inventory at 5,000 a page, and one listing
          // of the shop to learn the ids of products it already has.
          needed: {
            cscart: initial.run.created + initial.run.updated + pagesFor(shopProductsBefore, MAX_PAGE.cscart),
            visma: pagesFor(vismaItems.length, MAX_PAGE.vismaInventory),
          },
          concurrency,
          throughput: true,
          legacy: "products",
          notes: [warmUpNote("PRODUCT_IMPORT", warmUpSeconds)],
        }),
      );
    }

    if (isSelected(config, "2")) {
      const changed = vismaItems.filter((_, index) => index % 100 === 0);
      for (const item of changed) sims.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, description: `${item.description} (new text)` });
      ctx.log(`2a. incremental product import, ${changed.length} items changed`);
      const onePercent = await measureRun(ctx.boss, ctx.worker, tenant.id, "PRODUCT_IMPORT");
      rows.push(
        rowFromRun(ctx, onePercent, {
          id: "2a",
          name: "Incremental product import, 1% changed",
          needed: { cscart: onePercent.run.updated + onePercent.run.created, visma: 1 },
          concurrency,
          throughput: false,
          legacy: "products",
        }),
      );

      ctx.log("2b. incremental product import, nothing changed");
      sims.cscart.resetRequestStats();
      const unchanged = await measureRun(ctx.boss, ctx.worker, tenant.id, "PRODUCT_IMPORT");
      const writes = apiWrites(sims.cscart.requestStats());
      rows.push(
        rowFromRun(ctx, unchanged, {
          id: "2b",
          name: "Incremental product import, none changed",
          needed: { cscart: 0, visma: 1 },
          concurrency,
          throughput: false,
          notes: [`${writes} CS-Cart write(s); the ${unchanged.run.processed} record(s) read are the 5-minute cursor overlap, skipped by payload hash`],
          details: { cscartWrites: writes },
        }),
      );
    }

    if (isSelected(config, "5")) {
      ctx.log("5a. stock sync, first pass (every amount written once)");
      const first = await measureRun(ctx.boss, ctx.worker, tenant.id, "STOCK_SYNC");
      rows.push(
        rowFromRun(ctx, first, {
          id: "5a",
          name: "Stock sync, first pass",
          needed: { cscart: first.run.updated, visma: pagesFor(first.run.processed, MAX_PAGE.vismaInventory) },
          concurrency,
          throughput: true,
        }),
      );

      const stocked = vismaItems.filter((item) => item.warehouses.some((row) => row.warehouse === "MAIN"));
      const changed = stocked.filter((_, index) => index % 20 === 0);
      for (const item of changed) {
        const main = item.warehouses.find((row) => row.warehouse === "MAIN")!;
        sims.visma.setStock(item.inventoryNumber, { warehouse: "MAIN", onHand: main.onHand + 7 });
      }
      ctx.log(`5b. stock sync, ${changed.length} of ${stocked.length} stocked items changed (5%)`);
      const incremental = await measureRun(ctx.boss, ctx.worker, tenant.id, "STOCK_SYNC");
      rows.push(
        rowFromRun(ctx, incremental, {
          id: "5b",
          name: `Stock sync, 5% of ${stocked.length.toLocaleString("en-US")} changed`,
          needed: { cscart: incremental.run.updated, visma: pagesFor(changed.length, MAX_PAGE.vismaInventory) },
          concurrency,
          // A few dozen writes (quick mode) last less than the job pickup: not a throughput run.
          throughput: incremental.run.updated >= 250,
        }),
      );
    }
  } finally {
    await sims.close();
  }
  return rows;
}
