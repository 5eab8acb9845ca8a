import { expect, test } from "@playwright/test";
import { createTestTenant } from "../testing/fixtures";
import { logIn, OWNER, saveScreenshot, VIEWER } from "./helpers";

test("log in and see the tenant's dashboard shell, then log out", async ({ page }) => {
  await logIn(page, OWNER);
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByRole("heading", { name: "Demo Shop" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Owner");
  await expect(page.getByRole("heading", { name: "Sync modules" })).toBeVisible();
  await saveScreenshot(page, "overview");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The session is gone: the dashboard sends us back to the login page.
  await page.goto("/demo");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login/);
  await saveScreenshot(page, "login-error");
});

test("a VIEWER sees no edit controls", async ({ page }) => {
  await logIn(page, VIEWER);
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  await expect(page.getByTestId("module-order-export")).toBeVisible();
  await expect(page.getByRole("button", { name: /Run .* now/ })).toHaveCount(0);
});

test("an OWNER sees the edit controls a VIEWER does not", async ({ page }) => {
  await logIn(page, OWNER);
  await expect(page.getByRole("button", { name: "Run Order export now" })).toBeVisible();
});

test("another tenant's URL gives 404, for pages and for API routes", async ({ page }) => {
  const other = await createTestTenant("e2e-other");
  await logIn(page, OWNER);
  const response = await page.goto(`/${other.tenant.slug}`);
  expect(response?.status()).toBe(404);
  const api = await page.request.post(`/api/t/${other.tenant.slug}/sync/order-export`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("NOT_FOUND");
});
