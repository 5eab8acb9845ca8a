/**
 * The setup checklist of a new tenant, step by step, and the gate on switching modules on: it
 * names what is missing, for the checklist's switch and the Settings form alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { testConnection } from "../connections/test-connection";
import { db } from "../db";
import { caughtAppError } from "../http/caught-app-error";
import { saveMappingVersion } from "../mappings/save-mapping-version";
import { chooseOrderExportStart } from "../settings/choose-order-export-start";
import { getSettings } from "../settings/get-settings";
import { switchModule, switchOnChecks } from "../settings/switch-module";
import { updateSettings } from "../settings/update-settings";
import { demoProductMapping } from "../../prisma/seed";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { getSetupStatus } from "./get-setup-status";

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 81, setUp: false, cscart: { orders: 5, products: 10 }, visma: { orders: 0, products: 10 } });
});
afterAll(async () => h?.close());

const owner = () => resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "OWNER");
const status = () => getSetupStatus(h.tenant.id, h.tenant.slug);
const stepsDone = async () => Object.fromEntries((await status()).steps.map((step) => [step.id, step.done]));

describe("setup checklist", () => {
  it("starts with every step open and every module off", async () => {
    const setup = await status();
    expect(setup.setUp).toBe(false);
    expect(setup.steps.map((step) => [step.id, step.done])).toEqual([
      ["cscart", false],
      ["visma", false],
      ["orderStart", false],
      ["mapping", false],
      ["dryRun", false],
      ["modules", false],
    ]);
    expect(setup.steps[0]!.detail).toContain("not tested yet");
    expect(setup.steps[2]!.href).toBe(`/${h.tenant.slug}/settings#order-start`);
    expect(setup.modules.every((module) => !module.enabled)).toBe(true);
  });

  it("refuses to switch a module on while a check fails, naming each missing one, in the checklist and in Settings", async () => {
    const refused = await caughtAppError(async () => switchModule(await owner(), "STOCK_SYNC", true));
    expect(refused.code).toBe("SETUP_INCOMPLETE");
    expect(refused.message).toContain("Stock sync cannot be switched on yet");
    expect(refused.message).toContain("Test the CS-Cart shop and Visma.net connections");
    expect(refused.message).toContain("Do a dry run of Stock sync first");

    const settings = await getSettings(h.tenant.id);
    const viaForm = await caughtAppError(async () =>
      updateSettings(await owner(), { schedules: { ...settings.schedules, STOCK_SYNC: { enabled: true, intervalMinutes: 15 } } }),
    );
    expect(viaForm.details?.fields).toHaveProperty("schedules.STOCK_SYNC.enabled");
    expect((await getSettings(h.tenant.id)).schedules.STOCK_SYNC.enabled).toBe(false);
  });

  it("ticks each step from what is stored, and is set up when all six hold", async () => {
    const actor = await owner();
    await testConnection(actor, "CSCART");
    await testConnection(actor, "VISMA");
    expect(await stepsDone()).toMatchObject({ cscart: true, visma: true, orderStart: false });

    // A default Visma.net does not know shows as an open step, with the reason.
    await updateSettings(actor, { debtorPaymentTerms: "45" });
    await testConnection(actor, "VISMA");
    const visma = (await status()).steps.find((step) => step.id === "visma")!;
    expect(visma).toMatchObject({ done: false, href: `/${h.tenant.slug}/settings` });
    expect(visma.detail).toContain('Visma.net has no credit terms "45"');
    expect(visma.text).toEqual({ key: "debtorProblems", fields: ["debtorPaymentTerms"] });
    const debtorCheck = (await switchOnChecks(h.tenant.id, "ORDER_EXPORT")).find((check) => check.id === "debtor-defaults-valid");
    expect(debtorCheck).toMatchObject({ met: false, reason: expect.stringContaining('Visma.net has no credit terms "45"') });
    await updateSettings(actor, { debtorPaymentTerms: "14" });
    await testConnection(actor, "VISMA");

    await chooseOrderExportStart(actor, { kind: "newOrders" });
    await saveMappingVersion(actor, "product", demoProductMapping());
    expect(await stepsDone()).toMatchObject({ orderStart: true, mapping: true, dryRun: false });

    const dryRun = await h.run("STOCK_SYNC", "MANUAL", undefined, { dryRun: true });
    expect(dryRun.status).not.toBe("FAILED");
    expect(await stepsDone()).toMatchObject({ dryRun: true, modules: false });

    // Order export has had no dry run of its own: still refused.
    await expect(switchModule(actor, "ORDER_EXPORT", true)).rejects.toMatchObject({
      code: "SETUP_INCOMPLETE",
      message: expect.stringContaining("Do a dry run of Order export"),
    });
    expect(await switchModule(actor, "STOCK_SYNC", true)).toMatchObject({ enabled: true, changed: true });

    const setup = await status();
    expect(setup.setUp).toBe(true);
    expect(setup.modules.find((module) => module.module === "STOCK_SYNC")).toMatchObject({ enabled: true, lastDryRun: { id: dryRun.runId } });
    const audit = await db.auditEvent.findMany({ where: { tenantId: h.tenant.id, action: "settings.module-switch" } });
    expect(audit.map((event) => event.detail)).toEqual([{ enabled: true }]);
  });
});
