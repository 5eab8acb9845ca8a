/**
 * "Test connection" for Visma.net also checks the debtor defaults against the company and keeps the
 * findings, so Settings can show a wrong default as a red field (docs/api-facts.md, "Debtor defaults").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { debtorDefaultProblems } from "../settings/debtor-defaults-check";
import { getSettings } from "../settings/get-settings";
import { updateSettings } from "../settings/update-settings";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { getConnections } from "./get-connections";
import { saveConnection } from "./save-connection";
import { testConnection } from "./test-connection";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 51, cscart: { orders: 0, products: 5 }, visma: { orders: 0, products: 5 } });
});
afterAll(async () => h?.close());

async function admin() {
  return resolveTenantAccess(h.users.ADMIN.id, h.tenant.slug, "ADMIN");
}

describe("Visma.net connection test", () => {
  it("checks the debtor defaults and stores the findings; a wrong one shows on its field until it is changed", async () => {
    const actor = await admin();
    await updateSettings(actor, { debtorPaymentTerms: "45", debtorCollectionAccount: "1400", debtorAdministration: "3" });
    const result = await testConnection(actor, "VISMA");
    expect(result.status).toBe("OK");
    expect(result.message).toContain("But the new-customer defaults need attention (marked in Settings)");
    expect(result.message).toContain('Visma.net has no credit terms "45"');

    const settings = await getSettings(h.tenant.id);
    expect(settings.debtorDefaultsCheck?.fields).toMatchObject({
      debtorPaymentTerms: { value: "45", ok: false },
      debtorCollectionAccount: { value: "1400", ok: true },
      debtorAdministration: { value: "3", ok: false, message: 'Branch "3" is not active in Visma.net.' },
    });
    const current = { debtorPaymentTerms: "45", debtorCollectionAccount: "1400", debtorAdministration: "3" };
    expect(Object.keys(debtorDefaultProblems(settings.debtorDefaultsCheck, current)).sort()).toEqual(["debtorAdministration", "debtorPaymentTerms"]);
    // A changed value is not judged by a check of the old one.
    expect(debtorDefaultProblems(settings.debtorDefaultsCheck, { ...current, debtorPaymentTerms: "30" })).not.toHaveProperty("debtorPaymentTerms");

    await updateSettings(actor, { debtorPaymentTerms: "30", debtorAdministration: "2" });
    const fixed = await testConnection(actor, "VISMA");
    expect(fixed.message).toContain("The new-customer defaults (payment terms, collection account, administration) exist in the company.");
    expect(
      debtorDefaultProblems((await getSettings(h.tenant.id)).debtorDefaultsCheck, { ...current, debtorPaymentTerms: "30", debtorAdministration: "2" }),
    ).toEqual({});
  });

  it("requests what the enabled modules need, or the scopes the connection names, and says what to grant when refused", async () => {
    const actor = await admin();
    const [, visma] = await getConnections(h.tenant.id);
    expect(visma).toMatchObject({
      suggestedScopes: "vismanet_erp_service_api:read vismanet_erp_service_api:create visma.net.erp.salesorder:read visma.net.erp.salesorder:write",
    });
    const config = (await db.connection.findFirstOrThrow({ where: { tenantId: h.tenant.id, kind: "VISMA" } })).config as Record<string, string>;

    await saveConnection(actor, "VISMA", { ...config, scopes: "vismanet_erp_service_api:read, vismanet_erp_service_api:delete" });
    const refused = await testConnection(actor, "VISMA");
    expect(refused.status).toBe("FAILING");
    expect(refused.message).toContain(
      "Grant these scopes to the integration in the Visma Developer Portal: vismanet_erp_service_api:read, vismanet_erp_service_api:delete",
    );

    await expect(saveConnection(actor, "VISMA", { ...config, scopes: "everything:all" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await saveConnection(actor, "VISMA", { ...config, scopes: "" });
    expect((await testConnection(actor, "VISMA")).status).toBe("OK");
  });
});
