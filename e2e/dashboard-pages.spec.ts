/**
 * Each page's main flow in Chromium, with screenshots at 1280 and 390 px under
 * test-results/screenshots/ so a reader can see every page without running the app.
 */
import { expect, test } from "@playwright/test";
import { db } from "../lib/db";
import en from "../messages/en.json" with { type: "json" };
import { createTestTenant, TEST_PASSWORD } from "../testing/fixtures";
import { logIn, OWNER, saveScreenshots, VIEWER } from "./helpers";

test("overview: connection badges, module status, throughput chart", async ({ page }) => {
  await logIn(page, OWNER);
  await expect(page.getByTestId("connection-CSCART")).toBeVisible();
  await expect(page.getByTestId("connection-VISMA")).toBeVisible();
  await expect(page.getByTestId("throughput-chart")).toBeVisible();
  await expect(page.getByTestId("module-product-import").getByTestId("next-run")).toContainText("Next run:");
  await saveScreenshots(page, "overview");
  // The messages come as a script the browser caches (components/intl/messages-provider.tsx), not
  // inside each page's HTML: a message this page does not show is not in it.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain("<html");
  expect(html).not.toContain(en.errors.NOT_FOUND.deleting);
});

test("connections: errors beside the field, secrets write-only, test connection", async ({ page }) => {
  await logIn(page, OWNER);
  await page.getByRole("link", { name: "Connections" }).click();
  const shop = page.getByTestId("connection-form-CSCART");
  await expect(shop.getByTestId("secret-state")).toHaveText("API key is set.");
  await expect(shop.getByLabel("API key")).toHaveValue("");
  const original = await shop.getByLabel("Admin e-mail").inputValue();
  await shop.getByLabel("Admin e-mail").fill("not-an-email");
  await shop.getByRole("button", { name: "Save CS-Cart shop" }).click();
  await expect(shop.getByTestId("field-error")).toHaveText("must be the admin user's e-mail address");
  await expect(shop.getByLabel("Admin e-mail")).toHaveAttribute("aria-invalid", "true");
  await saveScreenshots(page, "connections-field-error");

  await shop.getByLabel("Admin e-mail").fill(original);
  await shop.getByRole("button", { name: "Save CS-Cart shop" }).click();
  await expect(shop.getByTestId("form-success")).toBeVisible();
  await shop.getByRole("button", { name: "Test connection" }).click();
  await expect(shop.getByTestId("test-result")).toContainText(/connected/i);
  await expect(shop.locator('[data-status="OK"]')).toBeVisible();
  // The page never received the secret.
  expect(await page.content()).not.toContain("cscart-demo-api-key");
  await saveScreenshots(page, "connections");
});

test("settings: a bad value is named beside its field; a good one is saved and audited", async ({ page }) => {
  await logIn(page, OWNER);
  await page.goto("/demo/settings");
  await page.getByLabel("Keep logs for (days)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("keep logs at least 1 day")).toBeVisible();
  await page.getByLabel("Keep logs for (days)").fill("45");
  await page.getByLabel("Failure e-mail recipients").fill("ops@demo.apicenter.local\nshop-owner@demo.apicenter.local");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Saved");
  await saveScreenshots(page, "settings");

  await page.getByRole("link", { name: "Audit log" }).click();
  const row = page.getByTestId("audit-row").filter({ hasText: "changed settings" }).first();
  await expect(row).toContainText("logRetentionDays: 30 → 45");
  await expect(row).toContainText(OWNER.email);
  await saveScreenshots(page, "audit");

  await page.goto("/demo/settings");
  await page.getByLabel("Keep logs for (days)").fill("30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("form-success")).toBeVisible();
});

test("mappings: validation messages beside the field, versions, restore", async ({ page }) => {
  await logIn(page, OWNER);
  await page.goto("/demo/mappings");
  await expect(page.getByTestId("mapping-version")).toContainText("is in force");
  await page.getByLabel("Default category id").fill("zero");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("a CS-Cart category id is a whole number above 0")).toBeVisible();
  await page.getByLabel("Default category id").fill("1");
  await page.getByRole("button", { name: "Add VAT code" }).click();
  await page.getByLabel("VAT code (row 5)").fill("99");
  await page.getByLabel("CS-Cart tax ids (row 5)").fill("6, x");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText('"x" is not a CS-Cart tax id')).toBeVisible();
  await page.getByRole("button", { name: "Remove VAT code row 5" }).click();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-product")).toBeVisible();
  await saveScreenshots(page, "mappings");

  const versions = page.getByTestId("mapping-versions");
  await expect(versions.getByRole("row")).not.toHaveCount(1);
  await page.getByRole("navigation", { name: "Mappings" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByTestId("export-statuses").getByLabel("Processed (paid) (P)")).toBeChecked();
});

test("runs: the list refreshes and a run opens with its records", async ({ page }) => {
  await logIn(page, OWNER);
  await page.goto("/demo/runs");
  await expect(page.getByTestId("run-row").first()).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Module").selectOption("ORDER_EXPORT");
  await expect(page.getByTestId("run-row").first()).toContainText("Order export");
  await saveScreenshots(page, "runs");
  await page.getByTestId("run-row").first().getByRole("link").click();
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await saveScreenshots(page, "run-detail");
});

test("logs: filters and search page through entries; delete all asks first", async ({ page }) => {
  const { tenant, users } = await createTestTenant("logs-e2e");
  const now = Date.now();
  await db.logEntry.createMany({
    data: Array.from({ length: 120 }, (_, index) => ({
      tenantId: tenant.id,
      module: "ORDER_EXPORT" as const,
      level: index % 20 === 0 ? ("ERROR" as const) : ("INFO" as const),
      message: index === 5 ? "Order 1042: SKU ABC-9 is not in Visma.net" : `Exported order ${1000 + index}`,
      createdAt: new Date(now - index * 60_000),
      expiresAt: new Date(now + 86_400_000),
    })),
  });
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/logs`);
  await expect(page.getByTestId("retention")).toHaveText("Entries are kept for 30 days, then deleted automatically.");
  await expect(page.getByTestId("log-row")).toHaveCount(50);
  await page.getByRole("button", { name: "Older →" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await page.getByLabel("Level").selectOption("ERROR");
  await expect(page.getByTestId("log-row")).toHaveCount(6);
  await page.getByLabel("Level").selectOption("");
  await page.getByLabel("Search messages").fill("abc-9");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await saveScreenshots(page, "logs");

  await page.getByRole("button", { name: "Delete all logs…" }).click();
  await expect(page.getByTestId("confirm-dialog")).toContainText("cannot be undone");
  await page.getByRole("button", { name: "Cancel" }).click();
  expect(await db.logEntry.count({ where: { tenantId: tenant.id } })).toBe(120);
  await page.getByRole("button", { name: "Delete all logs…" }).click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Delete all logs" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Deleted 120 log entries.");
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("outbox: e-mails sent or kept", async ({ page }) => {
  const { tenant, users } = await createTestTenant("outbox-e2e");
  await db.outboundEmail.create({
    data: {
      tenantId: tenant.id,
      dedupeKey: "order-failed:1042",
      recipients: ["ops@example.com"],
      subject: "Order 1042 could not be sent to Visma.net",
      body: "SKU ABC-9 is unknown in Visma.net.\nFix it, then retry the order.",
      status: "KEPT",
    },
  });
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/outbox`);
  await expect(page.getByTestId("outbox-email")).toHaveCount(1);
  await page.getByText("Show the message").click();
  await expect(page.getByTestId("outbox-email")).toContainText("Fix it, then retry the order.");
  await saveScreenshots(page, "outbox");
});

test("team: add by e-mail, change a role, remove; never the last owner", async ({ page }) => {
  const { tenant, users } = await createTestTenant("team-e2e");
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/team`);
  await page.getByLabel("E-mail").fill("nope");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("field-error")).toHaveText("not a valid e-mail address");
  const newcomer = `new-${tenant.slug}@test.apicenter.local`;
  await page.getByLabel("E-mail").fill(newcomer);
  await page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("member-added")).toContainText("They get an e-mail");
  await expect(page.getByTestId("team-row").filter({ hasText: newcomer })).toBeVisible();

  await page.getByLabel(`Role of ${users.OWNER.email}`).selectOption("VIEWER");
  await expect(page.getByTestId("form-error")).toContainText("last owner");
  await page.getByLabel(`Role of ${users.VIEWER.email}`).selectOption("ADMIN");
  await expect(page.getByTestId("form-success")).toHaveText("Role changed.");

  await page.getByRole("button", { name: `Remove ${newcomer}` }).click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("team-row").filter({ hasText: newcomer })).toHaveCount(0);
  await saveScreenshots(page, "team");
});

test("a VIEWER sees every page read-only", async ({ page }) => {
  await logIn(page, VIEWER);
  for (const section of ["connections", "settings", "mappings", "mappings/orders", "mappings/customers"]) {
    await page.goto(`/demo/${section}`);
    await expect(page.getByTestId("read-only-notice")).toBeVisible();
    await expect(page.getByTestId("loading-state")).toHaveCount(0);
    await expect(page.locator("main input").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
    // :enabled also honours <fieldset disabled>, which is how the read-only forms are built.
    await expect(page.locator("main input:enabled, main select:enabled, main textarea:enabled")).toHaveCount(0);
  }
  await saveScreenshots(page, "mappings-viewer");
  await page.goto("/demo/team");
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await page.goto("/demo/logs");
  await expect(page.getByRole("button", { name: "Delete all logs…" })).toHaveCount(0);
});

test("every page is reachable by keyboard and labels every input", async ({ page }) => {
  await logIn(page, OWNER);
  for (const section of ["", "connections", "mappings", "mappings/orders", "mappings/customers", "settings", "runs", "logs", "outbox", "team", "audit"]) {
    await page.goto(`/demo/${section}`);
    await expect(page.getByTestId("loading-state")).toHaveCount(0, { timeout: 20_000 });
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea")]
        .filter((element) => !(element as HTMLInputElement).labels?.length && !element.getAttribute("aria-label"))
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(unlabeled, `unlabelled inputs on /demo/${section}`).toEqual([]);
  }
  await page.goto("/demo/settings");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toBeVisible();
});
