import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestTenant } from "../../testing/fixtures";
import { getOverview, progressOf } from "./get-overview";

describe("overview", () => {
  it("estimates the time left of a running import from its rate so far", () => {
    const now = Date.now();
    expect(progressOf({ processed: 250, total: 1000, startedAt: new Date(now - 60_000) }, now)).toEqual({
      processed: 250,
      total: 1000,
      percent: 25,
      etaSeconds: 180,
    });
    expect(progressOf({ processed: 0, total: null, startedAt: new Date(now) }, now)).toMatchObject({ percent: null, etaSeconds: null });
  });

  it("shows the last finished run, the run in progress, the next run and records per hour; dry runs count for none of them", async () => {
    const { tenant } = await createTestTenant("overview");
    // A new tenant has every module off; this one has switched product import on.
    const settings = await db.settings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    await db.settings.update({
      where: { tenantId: tenant.id },
      data: { schedules: { ...(settings.schedules as object), PRODUCT_IMPORT: { enabled: true, intervalMinutes: 60 } } },
    });
    const now = new Date();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const halfHourAgo = new Date(now.getTime() - 1_800_000);
    await db.syncRun.create({
      data: {
        tenantId: tenant.id,
        module: "PRODUCT_IMPORT",
        trigger: "MANUAL",
        dryRun: true,
        status: "SUCCEEDED",
        created: 500,
        queuedAt: halfHourAgo,
        startedAt: halfHourAgo,
        finishedAt: halfHourAgo,
      },
    });
    await db.syncRun.create({
      data: {
        tenantId: tenant.id,
        module: "PRODUCT_IMPORT",
        trigger: "SCHEDULE",
        status: "SUCCEEDED",
        created: 7,
        updated: 3,
        queuedAt: hourAgo,
        startedAt: hourAgo,
        finishedAt: hourAgo,
      },
    });
    await db.syncRun.create({
      data: {
        tenantId: tenant.id,
        module: "PRODUCT_IMPORT",
        trigger: "REIMPORT",
        status: "RUNNING",
        total: 100,
        processed: 40,
        queuedAt: new Date(now.getTime() - 20_000),
        startedAt: new Date(now.getTime() - 20_000),
      },
    });
    // Another module's run waits in the queue; order export has failed records (and one done).
    await db.syncRun.create({
      data: { tenantId: tenant.id, module: "CUSTOMER_IMPORT", trigger: "MANUAL", status: "QUEUED", queuedAt: new Date(now.getTime() - 5_000) },
    });
    await db.syncItem.createMany({
      data: [
        { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "101", state: "FAILED" },
        { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "102", state: "FAILED" },
        { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "103", state: "DONE" },
      ],
    });
    const overview = await getOverview(tenant.id, now);
    const byModule = (id: string) => overview.modules.find((module) => module.module === id)!;
    expect(byModule("CUSTOMER_IMPORT").activeRun).toMatchObject({ status: "QUEUED", trigger: "MANUAL" });
    expect(byModule("CUSTOMER_IMPORT").lastRun).toBeNull();
    expect(byModule("ORDER_EXPORT")).toMatchObject({ failingRecords: 2, activeRun: null, lastRun: null });
    expect(byModule("STOCK_SYNC")).toMatchObject({ failingRecords: 0, activeRun: null, lastRun: null });
    const products = byModule("PRODUCT_IMPORT");
    expect(products.failingRecords).toBe(0);
    expect(products.activeRun).toMatchObject({ status: "RUNNING", trigger: "REIMPORT" });
    expect(products.lastRun).toMatchObject({ status: "SUCCEEDED", created: 7 });
    expect(products.activeRun?.progress).toMatchObject({ percent: 40, processed: 40, total: 100 });
    expect(products.activeRun?.progress.etaSeconds).toBeGreaterThan(20);
    // Queued 20 s ago, every 60 min: due in about an hour.
    expect(products.nextRunAt!.getTime() - now.getTime()).toBeGreaterThan(59 * 60_000);
    expect(overview.active).toBe(true);
    expect(overview.hourly).toHaveLength(72);
    expect(overview.hourly.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(10);
    expect(overview.hourly.find((bucket) => bucket.total)?.byModule).toEqual({ PRODUCT_IMPORT: 10 });
  });
});
