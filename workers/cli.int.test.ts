import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
