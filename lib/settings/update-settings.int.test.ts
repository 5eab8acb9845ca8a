import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { caughtAppError } from "../http/caught-app-error";
import { parseOrThrow } from "../validation";
import { createTestTenant } from "../../testing/fixtures";
import { SettingsPatchSchema } from "./defaults";
import { getSettings } from "./get-settings";
import { updateSettings } from "./update-settings";

/** As the settings route does it: parse the body once, then hand the parsed patch on. */
const patch = (input: unknown) => parseOrThrow(SettingsPatchSchema, input, "settings");

describe("updating settings", () => {
  it("merges a partial change, audits exactly what changed, and ignores a no-op", async () => {
    const { tenant, users } = await createTestTenant("settings-patch");
    const actor = await resolveTenantAccess(users.ADMIN.id, tenant.slug, "ADMIN");
    const result = await updateSettings(
      actor,
      patch({ logRetentionDays: 60, schedules: { ...(await getSettings(tenant.id)).schedules, STOCK_SYNC: { enabled: false, intervalMinutes: 30 } } }),
    );
    expect(result.changed.sort()).toEqual(["logRetentionDays", "schedules"]);
    const settings = await getSettings(tenant.id);
    expect(settings.logRetentionDays).toBe(60);
    expect(settings.schedules.STOCK_SYNC).toEqual({ enabled: false, intervalMinutes: 30 });
    expect(settings.debtorPaymentTerms).toBe("14");

    expect((await updateSettings(actor, patch({ logRetentionDays: 60 }))).changed).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: tenant.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "settings.update",
      userEmail: users.ADMIN.email,
      detail: { changes: { logRetentionDays: { from: 30, to: 60 } } },
    });
  });

  it("names each wrong field", async () => {
    const { tenant, users } = await createTestTenant("settings-bad");
    const actor = await resolveTenantAccess(users.ADMIN.id, tenant.slug, "ADMIN");
    const error = await caughtAppError(async () =>
      updateSettings(actor, patch({ logRetentionDays: 0, failureEmailRecipients: ["ok@example.com", "nope"], exportStatuses: [] })),
    );
    expect(error).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(error.details!.fields).toEqual({
      logRetentionDays: "keep logs at least 1 day",
      "failureEmailRecipients.1": "not a valid e-mail address",
      exportStatuses: "choose at least one order status to export",
    });
    expect((await getSettings(tenant.id)).logRetentionDays).toBe(30);
  });
});
