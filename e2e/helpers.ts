import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

export const OWNER = { email: "owner@demo.apicenter.local", password: "demo-owner-pass" };
export const VIEWER = { email: "viewer@demo.apicenter.local", password: "demo-viewer-pass" };

export async function logIn(page: Page, login: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
}

/** Saves a full-page screenshot under test-results/screenshots for readers of the test output. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
