import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestTenant } from "../../testing/fixtures";
import { getOverview } from "../overview/get-overview";
import { resolveTenantAccess } from "./tenant-access";

describe("tenant scoping through the guard", () => {
  it("gives a user their own tenant and NOT_FOUND for another tenant", async () => {
    const a = await createTestTenant("scope-a");
    const b = await createTestTenant("scope-b");
    const ctx = await resolveTenantAccess(a.users.VIEWER.id, a.tenant.slug, "VIEWER");
    expect(ctx.tenant.id).toBe(a.tenant.id);
    expect(ctx.role).toBe("VIEWER");
    await expect(resolveTenantAccess(a.users.OWNER.id, b.tenant.slug, "VIEWER")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveTenantAccess(a.users.OWNER.id, "no-such-tenant", "VIEWER")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveTenantAccess(undefined, a.tenant.slug, "VIEWER")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("enforces the minimum role", async () => {
    const { tenant, users } = await createTestTenant("scope-role");
    await expect(resolveTenantAccess(users.VIEWER.id, tenant.slug, "ADMIN")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveTenantAccess(users.ADMIN.id, tenant.slug, "OWNER")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await resolveTenantAccess(users.ADMIN.id, tenant.slug, "ADMIN")).role).toBe("ADMIN");
  });

  it("never returns another tenant's rows from a query made with the guard's tenant", async () => {
    const a = await createTestTenant("rows-a");
    const b = await createTestTenant("rows-b");
    await db.syncRun.create({ data: { tenantId: b.tenant.id, module: "ORDER_EXPORT", trigger: "MANUAL", status: "FAILED" } });
    await db.syncItem.create({ data: { tenantId: b.tenant.id, module: "ORDER_EXPORT", externalId: "1", state: "FAILED" } });
    const ctx = await resolveTenantAccess(a.users.OWNER.id, a.tenant.slug, "VIEWER");
    const overview = await getOverview(ctx.tenant.id);
    expect(overview.modules.every((m) => m.lastRun === null && m.failingRecords === 0)).toBe(true);
    const other = await getOverview(b.tenant.id);
    expect(other.modules.find((m) => m.module === "ORDER_EXPORT")?.failingRecords).toBe(1);
  });
});
