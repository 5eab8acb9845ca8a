/**
 * The four flows users named, end to end: browser → web → Postgres → worker → simulators.
 * They run against the seeded demo tenant (connected to the simulators) or a fresh tenant.
 */
import { expect, test, type Page } from "@playwright/test";
import { db } from "../lib/db";
import { createTestTenant, TEST_PASSWORD, uniqueSuffix } from "../testing/fixtures";
import { logIn, OWNER, saveScreenshots, SIMULATORS, simControl } from "./helpers";

type ShopProduct = { productId: number; productCode: string; product: string };

async function demoTenantId() {
  return (await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } })).id;
}

/** Waits until no run of the module is queued or running, so a new request is not refused as a duplicate. */
async function waitForIdle(module: "PRODUCT_IMPORT" | "ORDER_EXPORT") {
  const tenantId = await demoTenantId();
  await expect.poll(() => db.syncRun.count({ where: { tenantId, module, status: { in: ["QUEUED", "RUNNING"] } } }), { timeout: 120_000 }).toBe(0);
}

async function runNow(page: Page, label: string) {
  await page.goto("/demo");
  await page.getByRole("button", { name: `Run ${label} now` }).click();
}

test("edit a mapping, run the import, and see the changed field in the CS-Cart shop", async ({ page }) => {
  const sku = `E2E-MAP-${uniqueSuffix()}`.toUpperCase();
  await simControl("visma", "/inventory", { inventoryNumber: sku, description: "e2e mapped widget", defaultPrice: 199, vatRate: 25, stock: { MAIN: 4 } });

  await logIn(page, OWNER);
  await page.goto("/demo/mappings");
  const before = await page.getByTestId("mapping-version").textContent();
  const productName = page.getByTestId("mapping-field-product");
  await productName.getByLabel("Upper case").check();
  await page.getByLabel("Inventory number (optional)").fill(sku);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-product").locator('[data-field="product"]')).toHaveText("E2E MAPPED WIDGET");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Saved as version");
  await expect(page.getByTestId("mapping-version")).not.toHaveText(before ?? "");
  await saveScreenshots(page, "flow-mapping-saved");

  await waitForIdle("PRODUCT_IMPORT");
  await runNow(page, "Product import");
  await expect
    .poll(async () => (await simControl<ShopProduct[]>("cscart", "/state?collection=products")).find((p) => p.productCode === sku)?.product, {
      timeout: 120_000,
    })
    .toBe("E2E MAPPED WIDGET");
  await expect(page.getByTestId("module-product-import").getByTestId("last-run-counts")).toBeVisible();
  await saveScreenshots(page, "flow-mapping-imported");

  // Put the previous mapping back, through "Restore".
  await page.goto("/demo/mappings");
  const versionRows = page.getByTestId("mapping-versions").getByRole("button", { name: /^Restore version/ });
  await versionRows.first().click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("mapping-versions").getByTestId("form-success")).toContainText("Restored as version");
  await expect(page.getByTestId("mapping-field-product").getByLabel("Upper case")).not.toBeChecked();
});

test("pick a re-import date, confirm, and see the run start and finish", async ({ page }) => {
  await waitForIdle("PRODUCT_IMPORT");
  await logIn(page, OWNER);
  await page.goto("/demo/settings");
  const card = page.getByTestId("reimport-card");
  await card.getByLabel("Re-import from").fill("2025-05-20");
  await card.getByRole("button", { name: "Re-import…" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("20 May 2025");
  await expect(dialog).toContainText("every product changed in Visma.net since then");
  await saveScreenshots(page, "flow-reimport-confirm");
  await dialog.getByRole("button", { name: "Start re-import" }).click();
  await card.getByRole("link", { name: "follow the run" }).click();
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Product import run" })).toBeVisible();
  await expect(page.getByText("Started by reimport")).toBeVisible();
  await expect(page.locator('[data-status="SUCCEEDED"], [data-status="PARTIAL"]').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("run-item").first()).toBeVisible();
  await saveScreenshots(page, "flow-reimport-finished");
});

test("a wrong Visma.net secret turns the connection red with a readable reason", async ({ page }) => {
  const { tenant, users } = await createTestTenant("wrong-secret");
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/connections`);
  const visma = page.getByTestId("connection-form-VISMA");
  await expect(visma.getByLabel("ERP API base URL")).toHaveValue("https://api.finance.visma.net");
  await visma.getByLabel("Client id").fill("apicenter-demo");
  await visma.getByLabel("Company tenant id").fill("demo-company-1");
  await visma.getByLabel("Token URL").fill(`${SIMULATORS.visma}/connect/token`);
  await visma.getByLabel("ERP API base URL").fill(SIMULATORS.visma);
  await visma.getByLabel("Sales order API base URL").fill(SIMULATORS.visma);
  await visma.getByLabel("Client secret").fill("not-the-secret");
  await visma.getByRole("button", { name: "Save Visma.net" }).click();
  await expect(visma.getByTestId("form-success")).toBeVisible();
  await expect(visma.getByTestId("secret-state")).toHaveText("Client secret is set.");
  await visma.getByRole("button", { name: "Test connection" }).click();
  await expect(visma.getByTestId("test-result")).toContainText("did not accept the client id or client secret");
  await expect(visma.locator('[data-status="FAILING"]')).toBeVisible();
  await saveScreenshots(page, "flow-connection-failing");

  await page.getByRole("link", { name: "Overview" }).click();
  const card = page.getByTestId("connection-VISMA");
  await expect(card.locator('[data-status="FAILING"]')).toHaveText("Failing");
  await expect(card.getByTestId("connection-error")).toContainText("client secret");
  await expect(card).toContainText("Last checked");
  await saveScreenshots(page, "flow-connection-failing-overview");

  await page.goto(`/${tenant.slug}/connections`);
  await visma.getByLabel("Client secret").fill("visma-demo-secret");
  await visma.getByRole("button", { name: "Save Visma.net" }).click();
  await expect(visma.getByTestId("form-success")).toBeVisible();
  await visma.getByRole("button", { name: "Test connection" }).click();
  await expect(visma.locator('[data-status="OK"]')).toBeVisible();
});

test("retry a failed order after fixing the SKU", async ({ page }) => {
  const sku = `E2E-SKU-${uniqueSuffix()}`.toUpperCase();
  const [product] = await simControl<ShopProduct[]>("cscart", "/state?collection=products");
  await simControl("cscart", `/products/${product!.productId}`, { productCode: sku });
  const order = await simControl<{ order_id: string }>("cscart", "/orders", {
    email: `retry-${sku.toLowerCase()}@example.com`,
    status: "P",
    lines: [{ productId: product!.productId, amount: 1 }],
  });
  const tenantId = await demoTenantId();

  await logIn(page, OWNER);
  await waitForIdle("ORDER_EXPORT");
  await runNow(page, "Order export");
  const failed = await expect
    .poll(async () => (await db.syncItem.findFirst({ where: { tenantId, module: "ORDER_EXPORT", externalId: order.order_id } }))?.state, { timeout: 120_000 })
    .toBe("FAILED")
    .then(() => db.syncItem.findFirstOrThrow({ where: { tenantId, module: "ORDER_EXPORT", externalId: order.order_id } }));
  await waitForIdle("ORDER_EXPORT");

  await page.goto(`/demo/runs/${failed.lastRunId}`);
  await page.getByRole("tab", { name: /Failed/ }).click();
  const row = page.locator(`[data-testid="run-item"][data-external-id="${order.order_id}"]`);
  await expect(row).toContainText(sku);
  await saveScreenshots(page, "flow-retry-failed-order");

  // Fix the data: the SKU now exists in Visma.net.
  await simControl("visma", "/inventory", { inventoryNumber: sku, description: "E2E retry item", defaultPrice: 100, vatRate: 25, stock: { MAIN: 10 } });
  await row.getByRole("button", { name: `Retry ${order.order_id}` }).click();
  await expect(page.getByTestId("form-success")).toContainText("Retry queued");
  await expect
    .poll(async () => (await db.syncItem.findFirst({ where: { tenantId, module: "ORDER_EXPORT", externalId: order.order_id } }))?.state, { timeout: 120_000 })
    .toBe("DONE");
  const salesOrders = await simControl<{ customerOrder: string | null }[]>("visma", "/state?collection=salesOrders");
  expect(salesOrders.filter((salesOrder) => salesOrder.customerOrder === `CSCART-${order.order_id}`)).toHaveLength(1);

  await page.goto("/demo/runs");
  await page.getByLabel("Started by").selectOption("RETRY");
  await expect(page.getByTestId("run-row").first().locator('[data-status="SUCCEEDED"]')).toBeVisible({ timeout: 60_000 });
  await saveScreenshots(page, "flow-retry-succeeded");
});
