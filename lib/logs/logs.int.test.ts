import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { purgeExpiredLogs } from "./purge-expired-logs";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 9, settings: { logRetentionDays: 7 } });
});
afterAll(async () => h?.close());

describe("run logs", () => {
  it("are written per run with expiresAt from the tenant's retention, with personal data masked", async () => {
    const summary = await h.run("ORDER_EXPORT");
    const logs = await db.logEntry.findMany({ where: { tenantId: h.tenant.id, runId: summary.runId } });
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      const days = (log.expiresAt.getTime() - log.createdAt.getTime()) / 86_400_000;
      expect(days).toBeCloseTo(7, 3);
    }
    // No e-mail address appears unmasked in stored context.
    const contexts = JSON.stringify(logs.map((log) => log.context));
    expect(contexts).not.toMatch(/[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  it("expire: the purge deletes rows past expiresAt and keeps the rest", async () => {
    const past = new Date(Date.now() - 1000);
    const kept = await db.logEntry.create({ data: { tenantId: h.tenant.id, level: "INFO", message: "keep me", expiresAt: new Date(Date.now() + 86_400_000) } });
    const expired = await db.logEntry.create({ data: { tenantId: h.tenant.id, level: "INFO", message: "expired", expiresAt: past } });
    const deleted = await purgeExpiredLogs();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await db.logEntry.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db.logEntry.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });

  it("are not stored at all with 'store logs' off, while runs and ledger rows keep counts and errors", async () => {
    await db.settings.update({ where: { tenantId: h.tenant.id }, data: { storeLogs: false } });
    h.cscart.createOrder({
      email: "nolog@example.no",
      lines: [{ productCode: [...h.cscart.state.products.values()].find((p) => !h.visma.state.inventory.has(p.productCode))!.productCode }],
    });
    const summary = await h.run("ORDER_EXPORT");
    expect(await db.logEntry.count({ where: { tenantId: h.tenant.id, runId: summary.runId } })).toBe(0);
    expect(summary.counts.failed).toBe(1);
    const failedRow = await db.syncItem.findFirstOrThrow({
      where: { tenantId: h.tenant.id, module: "ORDER_EXPORT", lastRunId: summary.runId, state: "FAILED" },
    });
    expect(failedRow.lastError).toContain("does not exist in Visma.net");
  });
});
