import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { createTestTenant } from "../../testing/fixtures";
import { deleteTenantLogs } from "./delete-tenant-logs";
import { listLogs, LogsQuerySchema } from "./list-logs";

async function seedLogs(tenantId: string, count: number) {
  const base = Date.now() - count * 1000;
  await db.logEntry.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      tenantId,
      level: index % 10 === 0 ? ("ERROR" as const) : index % 3 === 0 ? ("WARN" as const) : ("INFO" as const),
      module: index % 2 ? ("ORDER_EXPORT" as const) : ("PRODUCT_IMPORT" as const),
      message: index === 7 ? "Order 1042: SKU ABC-9 not found" : `entry ${index}`,
      // Several entries share a timestamp, so paging must break ties by id.
      createdAt: new Date(base + Math.floor(index / 3) * 1000),
      expiresAt: new Date(Date.now() + 86_400_000),
    })),
  });
}

const query = (input: Record<string, string>) => LogsQuerySchema.parse(input);

describe("log search", () => {
  it("pages through every entry once, newest first, without loading them all", async () => {
    const { tenant } = await createTestTenant("logs-page");
    await seedLogs(tenant.id, 120);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listLogs(tenant.id, query({ limit: "50", ...(cursor ? { cursor } : {}) }));
      expect(page.entries.length).toBeLessThanOrEqual(50);
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
  });

  it("filters by level and worse, module, text and date", async () => {
    const { tenant } = await createTestTenant("logs-filter");
    await seedLogs(tenant.id, 30);
    const errors = await listLogs(tenant.id, query({ level: "ERROR" }));
    expect(errors.entries.every((entry) => entry.level === "ERROR")).toBe(true);
    const warnings = await listLogs(tenant.id, query({ level: "WARN" }));
    expect(new Set(warnings.entries.map((entry) => entry.level))).toEqual(new Set(["WARN", "ERROR"]));
    expect((await listLogs(tenant.id, query({ q: "sku abc" }))).entries.map((entry) => entry.message)).toEqual(["Order 1042: SKU ABC-9 not found"]);
    expect((await listLogs(tenant.id, query({ module: "ORDER_EXPORT" }))).entries).toHaveLength(15);
    expect((await listLogs(tenant.id, query({ to: "2000-01-01" }))).entries).toHaveLength(0);
    expect(() => query({ from: "yesterday-ish" })).toThrow();
  });

  it("deletes all of one tenant's logs and nobody else's, and says how long logs are kept", async () => {
    const a = await createTestTenant("logs-del-a");
    const b = await createTestTenant("logs-del-b");
    await seedLogs(a.tenant.id, 25);
    await seedLogs(b.tenant.id, 5);
    const actor = await resolveTenantAccess(a.users.ADMIN.id, a.tenant.slug, "ADMIN");
    expect(await deleteTenantLogs(actor)).toMatchObject({ deleted: 25, removed: { logEntries: 25 } });
    const after = await listLogs(a.tenant.id, query({}));
    expect(after.entries).toHaveLength(0);
    expect(after.retention).toEqual({ days: 30, storeLogs: true });
    expect(await db.logEntry.count({ where: { tenantId: b.tenant.id } })).toBe(5);
    expect(await db.auditEvent.findFirst({ where: { tenantId: a.tenant.id, action: "logs.delete" } })).toMatchObject({
      detail: { deleted: 25, removed: { logEntries: 25 } },
    });
  });
});
