/**
 * The schedule tick's rows: ModuleSchedule follows Settings.schedules whoever writes it, a queued
 * run moves the next one on by the interval, the tick enqueues in batches and a job already waiting
 * refuses the duplicate. Two toy modules on their own queues, so no other test's jobs are touched.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, uniqueSuffix } from "../../../testing/fixtures";
import { db } from "../../db";
import { createBoss, ensureQueues } from "../../jobs/boss";
import { passStartCursor } from "./cursor";
import { defineSyncModule, UNCHANGED } from "./define-sync-module";
import { enqueueSync, enqueueSyncs } from "./enqueue-sync";
import { findDueModules } from "./find-due-modules";
import { createModuleRegistry } from "./module-registry";
import type { Prerequisite } from "./prerequisites";

const blockedTenants = new Set<string>();
const open: Prerequisite = {
  id: "schedule-test-open",
  description: "The tenant is not blocked.",
  code: "CONNECTION_MISSING",
  unmetFor: async (tenantIds) => new Map(tenantIds.filter((id) => blockedTenants.has(id)).map((id) => [id, "blocked"])),
};

const suffix = uniqueSuffix();
function toyModule(id: "TICK_FAST" | "TICK_SLOW", intervalMinutes: number) {
  return defineSyncModule({
    id,
    slug: id.toLowerCase().replace("_", "-"),
    label: id,
    recordName: "tick",
    color: "#222222",
    queue: `sync-${id.toLowerCase().replace("_", "-")}-${suffix}`,
    defaultSchedule: { enabled: true, intervalMinutes },
    cursor: passStartCursor<{ id: string }>({ overlapMs: 0 }),
    retry: { httpAttempts: 1, perRecordAttempts: 1, jobRetries: 0 },
    prerequisites: [open],
    ledger: { mode: "checkpoint" },
    concurrency: () => 1,
    steps: {
      open: async (ctx) => ({ ctx }),
      async *read() {},
      readOne: async () => undefined,
      externalIdOf: (record) => record.id,
      map: async () => ({ action: "skip", reason: UNCHANGED }),
      write: async () => ({ targetId: "x" }),
    },
  });
}
const registry = createModuleRegistry([toyModule("TICK_FAST", 5), toyModule("TICK_SLOW", 60)]);
let boss: PgBoss;

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await boss.start();
  await ensureQueues(boss, registry);
});
afterAll(async () => boss?.stop({ graceful: false }));

const minutes = (count: number) => count * 60_000;
const dueFor = async (tenantId: string, at: Date) =>
  (await findDueModules(at, registry))
    .filter((entry) => entry.tenantId === tenantId)
    .map((entry) => entry.module)
    .sort();
const queuedRuns = (tenantId: string) => db.syncRun.count({ where: { tenantId, status: "QUEUED" } });

describe("the schedule tick's rows", () => {
  it("makes a new tenant's modules due at once, then each one interval after its last queued run", async () => {
    const { tenant } = await createTestTenant("tick-new");
    const now = new Date();
    expect(await dueFor(tenant.id, now)).toEqual(["TICK_FAST", "TICK_SLOW"]);
    expect(await db.moduleSchedule.findMany({ where: { tenantId: tenant.id }, orderBy: { module: "asc" } })).toMatchObject([
      { module: "TICK_FAST", enabled: true, intervalMinutes: 5 },
      { module: "TICK_SLOW", enabled: true, intervalMinutes: 60 },
    ]);

    expect(
      await enqueueSyncs(
        [
          { tenantId: tenant.id, module: "TICK_FAST" },
          { tenantId: tenant.id, module: "TICK_SLOW" },
        ],
        "SCHEDULE",
        boss,
        registry,
      ),
    ).toEqual({ queued: 2, refused: 0 });
    expect(await queuedRuns(tenant.id)).toBe(2);
    expect(await dueFor(tenant.id, now)).toEqual([]);
    expect(await dueFor(tenant.id, new Date(Date.now() + minutes(6)))).toEqual(["TICK_FAST"]);
    expect(await dueFor(tenant.id, new Date(Date.now() + minutes(61)))).toEqual(["TICK_FAST", "TICK_SLOW"]);
  });

  it("refuses a second job while one waits, removes its run, and still moves the next run on", async () => {
    const { tenant } = await createTestTenant("tick-dup");
    const first = await enqueueSync({ tenantId: tenant.id, module: "TICK_FAST", trigger: "MANUAL" }, boss, registry);
    expect(first.queued).toBe(true);
    const later = new Date(Date.now() + minutes(6));
    expect(await dueFor(tenant.id, later)).toContain("TICK_FAST");
    expect(await enqueueSyncs([{ tenantId: tenant.id, module: "TICK_FAST" }], "SCHEDULE", boss, registry)).toEqual({ queued: 0, refused: 1 });
    expect(await db.syncRun.findMany({ where: { tenantId: tenant.id, module: "TICK_FAST" }, select: { id: true } })).toEqual([
      { id: first.queued ? first.runId : "" },
    ]);
    // Moved on from the refused attempt: not due again before one interval from now.
    expect(await dueFor(tenant.id, new Date(Date.now() + minutes(4)))).not.toContain("TICK_FAST");
  });

  it("a dry run neither delays nor replaces the next scheduled run", async () => {
    const { tenant } = await createTestTenant("tick-dry");
    const now = new Date();
    expect(await dueFor(tenant.id, now)).toEqual(["TICK_FAST", "TICK_SLOW"]);
    const dryRun = await enqueueSync({ tenantId: tenant.id, module: "TICK_FAST", trigger: "MANUAL", dryRun: true }, boss, registry);
    expect(dryRun.queued).toBe(true);
    expect(await dueFor(tenant.id, now)).toEqual(["TICK_FAST", "TICK_SLOW"]);
  });

  it("follows the settings whoever writes them: a module switched off is not due, a new interval counts from the last run", async () => {
    const { tenant } = await createTestTenant("tick-edit");
    await enqueueSyncs(
      [
        { tenantId: tenant.id, module: "TICK_FAST" },
        { tenantId: tenant.id, module: "TICK_SLOW" },
      ],
      "SCHEDULE",
      boss,
      registry,
    );
    const in10 = new Date(Date.now() + minutes(10));
    expect(await dueFor(tenant.id, in10)).toEqual(["TICK_FAST"]);

    const stored = await db.settings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    await db.settings.update({
      where: { tenantId: tenant.id },
      data: {
        schedules: { ...(stored.schedules as object), TICK_FAST: { enabled: false, intervalMinutes: 5 }, TICK_SLOW: { enabled: true, intervalMinutes: 8 } },
      },
    });
    expect(await dueFor(tenant.id, in10)).toEqual(["TICK_SLOW"]);
    expect(await dueFor(tenant.id, new Date(Date.now() + minutes(7)))).toEqual([]);
    expect(await db.moduleSchedule.findUniqueOrThrow({ where: { tenantId_module: { tenantId: tenant.id, module: "TICK_FAST" } } })).toMatchObject({
      enabled: false,
    });
  });

  it("skips a tenant whose prerequisite fails and looks again on the next tick", async () => {
    const { tenant } = await createTestTenant("tick-blocked");
    blockedTenants.add(tenant.id);
    const now = new Date();
    expect(await dueFor(tenant.id, now)).toEqual([]);
    const row = await db.moduleSchedule.findUniqueOrThrow({ where: { tenantId_module: { tenantId: tenant.id, module: "TICK_FAST" } } });
    expect(row.nextRunAt.getTime()).toBe(now.getTime() + minutes(1));
    blockedTenants.delete(tenant.id);
    expect(await dueFor(tenant.id, new Date(now.getTime() + minutes(1)))).toEqual(["TICK_FAST", "TICK_SLOW"]);
    expect(await queuedRuns(tenant.id)).toBe(0);
  });
});
