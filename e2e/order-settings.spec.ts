/**
 * What the Visma.net connection test finds wrong with the new-customer defaults shows as a red field in
 * Settings; the shipping method → Ship via mapping is edited in the order mapping (docs/api-facts.md, "Debtor
 * defaults" and "Freight").
 */
import { expect, test } from "@playwright/test";
import { encryptSecret } from "../lib/crypto";
import { db } from "../lib/db";
import { DEMO_SETUP_SETTINGS } from "../prisma/seed";
import { createTestTenant, TEST_PASSWORD } from "../testing/fixtures";
import { logIn, saveScreenshots, SIMULATORS } from "./helpers";

test("a default the Visma.net company lacks turns its Settings field red; a shipping method is mapped to a Ship via in the order mapping", async ({ page }) => {
  const { tenant, users } = await createTestTenant("debtor-check");
  // A new tenant has every module off; this test reads the scopes the enabled modules need, so it turns them all on.
  await db.settings.update({ where: { tenantId: tenant.id }, data: { schedules: DEMO_SETUP_SETTINGS.schedules } });
  await db.connection.create({
    data: {
      tenantId: tenant.id,
      kind: "VISMA",
      config: {
        clientId: "apicenter-demo",
        tenantId: "demo-company-1",
        tokenUrl: `${SIMULATORS.visma}/connect/token`,
        erpBaseUrl: SIMULATORS.visma,
        salesOrderBaseUrl: SIMULATORS.visma,
      },
      encryptedSecret: encryptSecret("visma-demo-secret", { tenantId: tenant.id, kind: "VISMA" }),
    },
  });
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });

  await page.goto(`/${tenant.slug}/settings`);
  await page.getByLabel("Payment terms").fill("45");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Saved");

  // Shipping methods → Ship via live in the order mapping (Mappings → Orders).
  await page.goto(`/${tenant.slug}/mappings/orders`);
  const shipVias = page.getByTestId("ship-vias");
  for (const [row, [shippingId, shipVia]] of [
    ["1", "POSTEN"],
    ["3", "PICKUP"],
  ].entries()) {
    await shipVias.getByRole("button", { name: "Add shipping method" }).click();
    await shipVias.getByLabel(`CS-Cart shipping method id (row ${row + 1})`).fill(shippingId!);
    await shipVias.getByLabel(`Visma.net Ship via (row ${row + 1})`).fill(shipVia!);
  }
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Saved as version 1");

  await page.goto(`/${tenant.slug}/connections`);
  const visma = page.getByTestId("connection-form-VISMA");
  await expect(visma.getByLabel("Scopes")).toHaveValue("");
  await expect(visma).toContainText(
    "vismanet_erp_service_api:read vismanet_erp_service_api:create visma.net.erp.salesorder:read visma.net.erp.salesorder:write",
  );
  await visma.getByRole("button", { name: "Test connection" }).click();
  await expect(visma.getByTestId("test-result")).toContainText('Visma.net has no credit terms "45"');
  await expect(visma.locator('[data-status="OK"]')).toBeVisible();

  await page.goto(`/${tenant.slug}/settings`);
  await expect(page.getByLabel("Payment terms")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText('Visma.net has no credit terms "45". Use the id of existing credit terms')).toBeVisible();
  await expect(page.getByLabel("Collection account")).not.toHaveAttribute("aria-invalid", "true");
  await saveScreenshots(page, "settings-debtor-check");

  // A changed default is no longer red.
  await page.getByLabel("Payment terms").fill("30");
  await expect(page.getByLabel("Payment terms")).not.toHaveAttribute("aria-invalid", "true");

  // The mapped Ship vias are kept; one longer than Visma.net takes is named beside its row.
  await page.goto(`/${tenant.slug}/mappings/orders`);
  await expect(shipVias.getByLabel("Visma.net Ship via (row 2)")).toHaveValue("PICKUP");
  await shipVias.getByLabel("Visma.net Ship via (row 1)").fill("A-SHIP-VIA-THAT-IS-TOO-LONG");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(shipVias.getByText("a Ship via id has at most 15 characters")).toBeVisible();
});
