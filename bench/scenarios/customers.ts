/** Scenario 3: customer import, Visma.net → CS-Cart, into a shop that has most of them already. */
import { pagesFor } from "../bound";
import { createBenchTenant, measureRun, restartMainWorker, startSimulators, warmUpMainWorker } from "../stack";
import type { ScenarioResult } from "../table";
import { MAX_PAGE, rowFromRun, warmUpNote, type BenchContext } from "./context";

export async function runCustomerScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const sims = await startSimulators(config, 13, { products: 20, customers: config.customers });
  try {
    const tenant = await createBenchTenant("customers", ctx.owner.id, sims);
    await restartMainWorker(ctx);
    const warmUpSeconds = await warmUpMainWorker(ctx, "CUSTOMER_IMPORT");
    const shopUsers = sims.cscart.state.users.size;
    ctx.log(`3. customer import: ${sims.visma.state.customers.size} Visma.net customers, ${shopUsers} shop users`);
    const measured = await measureRun(ctx.boss, ctx.worker, tenant.id, "CUSTOMER_IMPORT");
    return [
      rowFromRun(ctx, measured, {
        id: "3",
        name: `Customer import (${config.customers.toLocaleString("en-US")})`,
        // A write per customer, the customers at 1,000 a page, and one listing of the shop's
        // users to match e-mails.
        needed: {
          cscart: measured.run.created + measured.run.updated + pagesFor(shopUsers, MAX_PAGE.cscart),
          visma: pagesFor(sims.visma.state.customers.size, MAX_PAGE.vismaCustomers),
        },
        concurrency: config.importConcurrency,
        throughput: true,
        notes: [warmUpNote("CUSTOMER_IMPORT", warmUpSeconds)],
      }),
    ];
  } finally {
    await sims.close();
  }
}
