import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startSyncHarness, type SyncHarness } from "@/testing/sync-harness";

const run = promisify(execFile);
let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 3 });
});
afterAll(async () => h?.close());

describe("operator CLI", () => {
  it("runs one module for one tenant and prints the run summary as JSON", async () => {
    const { stdout } = await run("node_modules/.bin/tsx", ["workers/cli.ts", h.tenant.slug, "product-import"], { env: process.env });
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ tenantId: h.tenant.id, module: "PRODUCT_IMPORT", status: "SUCCEEDED" });
    expect(summary.counts.created + summary.counts.updated).toBe(h.visma.state.inventory.size);
    expect(summary.remoteCalls.visma.calls).toBeGreaterThan(0);
    expect(typeof summary.durationMs).toBe("number");
  });

  it("names a bad argument", async () => {
    const failure = await run("node_modules/.bin/tsx", ["workers/cli.ts", h.tenant.slug, "orders"], { env: process.env }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(JSON.parse(failure.stderr).error.message).toContain('Unknown module "orders"');
  });
});

describe("operator CLI, dry run", () => {
  it("reads and maps without writing, prints what the run would do, and records the dry run", async () => {
    h.cscart.resetRequestStats();
    const { stdout } = await run("node_modules/.bin/tsx", ["workers/cli.ts", h.tenant.slug, "stock-sync", "--dry-run"], { env: process.env });
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ module: "STOCK_SYNC", dryRun: { counts: expect.any(Object), writes: expect.any(Array), failures: expect.any(Array) } });
    const writes = Object.entries(h.cscart.requestStats().byRoute).filter(([route]) => !route.startsWith("GET "));
    expect(writes).toEqual([]);
    const recorded = await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(recorded).toMatchObject({ dryRun: true, trigger: "CLI", dryRunResult: summary.dryRun });
    expect(await db.auditEvent.findFirst({ where: { tenantId: h.tenant.id, action: "sync.dry-run", userEmail: "operator" } })).not.toBeNull();
  });
});
