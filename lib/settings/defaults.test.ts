import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, SettingsInputSchema } from "./defaults";

describe("settings defaults", () => {
  it("match the product's documented defaults: every module off", () => {
    expect(DEFAULT_SETTINGS.exportStatuses).toEqual(["P", "C"]);
    expect(Object.values(DEFAULT_SETTINGS.schedules).map((schedule) => schedule.enabled)).toEqual([false, false, false, false, false]);
    expect(DEFAULT_SETTINGS.pricesIncludeVat).toBe(true);
    expect([DEFAULT_SETTINGS.debtorPaymentTerms, DEFAULT_SETTINGS.debtorCollectionAccount, DEFAULT_SETTINGS.debtorAdministration]).toEqual(["14", "1400", "2"]);
    expect(DEFAULT_SETTINGS.logRetentionDays).toBe(30);
    expect(DEFAULT_SETTINGS.storeLogs).toBe(true);
  });

  it("are valid by their own schema", () => {
    expect(SettingsInputSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it("rejects bad values with messages that name the problem", () => {
    const result = SettingsInputSchema.safeParse({ ...DEFAULT_SETTINGS, debtorPaymentTerms: " ", exportStatuses: ["paid"], logRetentionDays: 0 });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(messages).toContain("debtorPaymentTerms: payment terms are required");
    expect(messages.some((m) => m.startsWith("exportStatuses.0: an order status is one capital letter"))).toBe(true);
    expect(messages).toContain("logRetentionDays: keep logs at least 1 day");
  });
});
