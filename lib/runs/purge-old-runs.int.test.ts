/**
 * Runs past their retention become daily summaries and go. The runs here are dated years back and
 * the retention set to match, so the purge (which covers every tenant) touches no other test's runs.
 */
import { describe, expect, it } from "vitest";
import { createTestTenant } from "../../testing/fixtures";
import { db, type Prisma } from "../db";
import { purgeOldRuns } from "./purge-old-runs";

const DAY = 86_400_000;
const now = new Date();
const retention = { days: 3000, idleDays: 2900 };
const daysAgo = (days: number, hour = 10) => {
  const at = new Date(now.getTime() - days * DAY);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
};
const utcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

function run(tenantId: string, module: string, queuedAt: Date, fields: Partial<Prisma.SyncRunCreateManyInput> = {}): Prisma.SyncRunCreateManyInput {
  return {
    tenantId,
    module,
    trigger: "SCHEDULE",
    status: "SUCCEEDED",
    queuedAt,
    startedAt: queuedAt,
    finishedAt: new Date(queuedAt.getTime() + 2000),
    ...fields,
  };
}

describe("purgeOldRuns", () => {
  it("sums runs past their retention per tenant, module and day, deletes them, and keeps the rest", async () => {
    const { tenant } = await createTestTenant("purge-runs");
    const t = tenant.id;
    const old = daysAgo(3010);
    const idleOld = daysAgo(2950);
    await db.syncRun.createMany({
      data: [
        run(t, "ORDER_EXPORT", old, {
          processed: 3,
          created: 2,
          failed: 1,
          status: "PARTIAL",
          remoteCalls: { cscart: { calls: 4, retries: 0 }, visma: { calls: 3 } },
        }),
        run(t, "ORDER_EXPORT", new Date(old.getTime() + 3600_000), { processed: 1, updated: 1, remoteCalls: { cscart: { calls: 2 } } }),
        run(t, "ORDER_EXPORT", new Date(old.getTime() + 7200_000), { status: "FAILED", error: "down", remoteCalls: { visma: { calls: 1 } } }),
        // Found nothing to do: past the idle retention, not past the other.
        run(t, "ORDER_EXPORT", idleOld),
        // Did work, as old as the idle one: kept.
        run(t, "ORDER_EXPORT", new Date(idleOld.getTime() + 60_000), { processed: 5, updated: 5 }),
        // Never finished: kept whatever its age.
        run(t, "STOCK_SYNC", daysAgo(3020), { status: "RUNNING", finishedAt: null }),
        // The newest run of its module: kept whatever its age.
        run(t, "CUSTOMER_IMPORT", daysAgo(3030), { processed: 7, created: 7 }),
        // Recent.
        run(t, "ORDER_EXPORT", now),
      ],
    });
    const logged = await db.syncRun.findFirstOrThrow({ where: { tenantId: t, queuedAt: old } });
    const idleRun = await db.syncRun.findFirstOrThrow({ where: { tenantId: t, queuedAt: idleOld } });
    const expiresAt = new Date(now.getTime() + DAY);
    await db.logEntry.createMany({
      data: [
        { tenantId: t, runId: logged.id, level: "INFO", message: "kept", expiresAt },
        { tenantId: t, runId: idleRun.id, level: "INFO", message: "idle: reading changes since", expiresAt },
        { tenantId: t, runId: idleRun.id, level: "DEBUG", message: "idle: detail", expiresAt },
        { tenantId: t, runId: idleRun.id, level: "WARN", message: "idle: a warning", expiresAt },
      ],
    });

    expect(await purgeOldRuns(now, retention)).toEqual({ idle: 1, old: 3 });

    const left = await db.syncRun.findMany({ where: { tenantId: t }, orderBy: { queuedAt: "asc" }, select: { module: true, status: true, processed: true } });
    expect(left).toEqual([
      { module: "CUSTOMER_IMPORT", status: "SUCCEEDED", processed: 7 },
      { module: "STOCK_SYNC", status: "RUNNING", processed: 0 },
      { module: "ORDER_EXPORT", status: "SUCCEEDED", processed: 5 },
      { module: "ORDER_EXPORT", status: "SUCCEEDED", processed: 0 },
    ]);
    const summaries = await db.runSummary.findMany({ where: { tenantId: t }, orderBy: { day: "asc" } });
    expect(summaries).toEqual([
      {
        tenantId: t,
        module: "ORDER_EXPORT",
        day: utcDay(old),
        runs: 3,
        succeeded: 1,
        partial: 1,
        failed: 1,
        processed: 4,
        created: 2,
        updated: 1,
        skipped: 0,
        failedItems: 1,
        remoteCalls: { cscart: 6, visma: 4 },
        busySeconds: 6,
      },
      {
        tenantId: t,
        module: "ORDER_EXPORT",
        day: utcDay(idleOld),
        runs: 1,
        succeeded: 1,
        partial: 0,
        failed: 0,
        processed: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        failedItems: 0,
        remoteCalls: {},
        busySeconds: 2,
      },
    ]);
    // A run that did work leaves its log lines; one that found nothing to do takes its routine ones
    // along and leaves its warnings. Those that stay no longer point at a run.
    expect(await db.logEntry.findMany({ where: { tenantId: t }, orderBy: { message: "asc" }, select: { message: true, runId: true } })).toEqual([
      { message: "idle: a warning", runId: null },
      { message: "kept", runId: null },
    ]);
    // Nothing left to do: a second purge changes nothing.
    expect(await purgeOldRuns(now, retention)).toEqual({ idle: 0, old: 0 });
  });

  it("adds to a day already summed, merging the calls per remote", async () => {
    const { tenant } = await createTestTenant("purge-runs-again");
    const t = tenant.id;
    const day = daysAgo(3100, 8);
    await db.syncRun.createMany({
      data: [run(t, "STOCK_SYNC", day, { processed: 2, updated: 2, remoteCalls: { cscart: { calls: 2 } } }), run(t, "STOCK_SYNC", now)],
    });
    expect(await purgeOldRuns(now, retention)).toEqual({ idle: 0, old: 1 });
    await db.syncRun.createMany({
      data: [
        run(t, "STOCK_SYNC", new Date(day.getTime() + 3600_000), { processed: 1, updated: 1, remoteCalls: { cscart: { calls: 1 }, visma: { calls: 1 } } }),
      ],
    });
    expect(await purgeOldRuns(now, retention)).toEqual({ idle: 0, old: 1 });
    expect(await db.runSummary.findFirstOrThrow({ where: { tenantId: t } })).toMatchObject({
      runs: 2,
      processed: 3,
      updated: 3,
      remoteCalls: { cscart: 3, visma: 1 },
    });
  });
});
