/**
 * The dry-run seam: a pass with a WriteRecorder reads and maps like a real run, but nothing
 * reaches a remote, the ledger or the cursor; the recorder holds what the run would have written,
 * and a real run afterwards writes exactly that.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";
import { db, type RunTrigger } from "../../db";
import { settingsFromRow } from "../../settings/defaults";
import { SYNC_MODULES, type ModuleId } from "../modules";
import { readCursor, SinceCursorCodec } from "./cursor";
import { runModulePass } from "./run-module-pass";
import { SyncRunContext } from "./run-context";
import { translatorFor } from "../../i18n/messages";
import { translateVariant } from "../../i18n/translate-error";
import { WriteRecorder, type DryRunResult } from "./write-recorder";

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 31, cscart: { orders: 6, products: 20 }, visma: { orders: 0, products: 20 } });
});
afterAll(async () => h?.close());

/** Remote writes (anything but GET) seen by a simulator since its counts were reset. */
function writesTo(stats: { byRoute: Record<string, number> }): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => !route.startsWith("GET ") && !route.startsWith("POST /connect/token"))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function dryRun(module: ModuleId, trigger: RunTrigger = "MANUAL"): Promise<WriteRecorder> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: h.tenant.id }, include: { settings: true } });
  const run = await db.syncRun.create({ data: { tenantId: tenant.id, module, trigger, status: "RUNNING", startedAt: new Date() } });
  const ctx = new SyncRunContext(tenant, run.id, module, settingsFromRow(tenant.settings!), trigger);
  const recorder = new WriteRecorder();
  await runModulePass(ctx, SYNC_MODULES.get(module), { dryRun: recorder });
  return recorder;
}

const nl = translatorFor("nl");

/** Every planned write and reason to leave a record out has Dutch words (dryRun.target/skip.<variant>), not its English fallback. */
function dutchWordsOf(result: DryRunResult): string[] {
  const words = [
    ...result.writes.map((write) => ({
      english: write.target,
      dutch: translateVariant(nl, "nl", "dryRun.target", { message: write.target, params: write.targetParams }),
    })),
    ...result.skips.map((skip) => ({
      english: skip.reason,
      dutch: translateVariant(nl, "nl", "dryRun.skip", { message: skip.reason, params: skip.reasonParams }),
    })),
  ];
  for (const { english, dutch } of words) expect(dutch, english).not.toBe(english);
  return words.map(({ dutch }) => dutch);
}

describe("dry run", () => {
  it("maps every product like a real import, writes nothing, and the real import then writes what it recorded", async () => {
    h.cscart.resetRequestStats();
    const recorded = await dryRun("PRODUCT_IMPORT");
    const { counts } = recorded.result();
    expect(counts.create + counts.update + counts.failed).toBe(h.visma.state.inventory.size);
    expect(counts.create + counts.update).toBeGreaterThan(0);
    // A few planned writes of each kind are kept with their payloads, not all of them.
    expect(recorded.writes.length).toBeLessThanOrEqual(10);
    expect(writesTo(h.cscart.requestStats())).toBe(0);
    expect(await db.syncItem.count({ where: { tenantId: h.tenant.id } })).toBe(0);
    expect(await readCursor(h.tenant.id, "PRODUCT_IMPORT", SinceCursorCodec)).toBeNull();
    const sample = recorded.writes[0]!;
    expect(sample.payload).toMatchObject({ product: { product_code: sample.externalId } });
    expect(dutchWordsOf(recorded.result())).toContain("een nieuw CS-Cart-product");

    const real = await h.run("PRODUCT_IMPORT");
    expect(real.counts.created + real.counts.updated).toBe(counts.create + counts.update);
    expect(real.counts.created).toBe(counts.create);
  });

  it("plans each exportable order as a sales order without posting it or claiming its ledger row", async () => {
    h.visma.resetRequestStats();
    const recorded = await dryRun("ORDER_EXPORT");
    const exportable = [...h.cscart.state.orders.values()].filter((order) => ["P", "C"].includes(order.status));
    const { counts } = recorded.result();
    expect(counts.create + counts.failed).toBe(exportable.length);
    expect(counts.update).toBe(0);
    expect(writesTo(h.visma.requestStats())).toBe(0);
    expect(h.visma.salesOrders()).toHaveLength(0);
    expect(await db.syncItem.count({ where: { tenantId: h.tenant.id, module: "ORDER_EXPORT" } })).toBe(0);
    const plan = recorded.writes[0]!.payload as { salesOrder: { customer: { order: string } } };
    expect(plan.salesOrder.customer.order).toBe(`CSCART-${recorded.writes[0]!.externalId}`);
    expect(dutchWordsOf(recorded.result()).some((words) => /^een nieuwe verkooporder in Visma\.net/.test(words))).toBe(true);
  });
});
