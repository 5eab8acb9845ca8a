import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { waitForMail, type ReceivedMail } from "../lib/devstack/mailbox";
import { E2E_BASE_URL, PORTS } from "../lib/devstack/ports";

export const OWNER = { email: "owner@demo.apicenter.local", password: "demo-owner-pass" };
export const VIEWER = { email: "viewer@demo.apicenter.local", password: "demo-viewer-pass" };

export async function logIn(page: Page, login: { email: string; password: string }) {
  // Wait until the form is hydrated; a click before that would submit it natively.
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("E-mail").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
}

/** Saves a full-page screenshot under test-results/screenshots for readers of the test output. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Saves the page at desktop width and at phone width (390 px), then restores the viewport. */
export async function saveScreenshots(page: Page, name: string) {
  const desktop = page.viewportSize() ?? { width: 1280, height: 800 };
  await saveScreenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  // Nothing may stick out sideways at phone width (tables scroll inside their own box).
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Name the outermost elements that stick out, so a failure says what to fix.
    const insideScroller = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) if (getComputedStyle(parent).overflowX !== "visible") return true;
      return false;
    };
    const escapes = (element: Element) => ["absolute", "fixed"].includes(getComputedStyle(element).position) || !insideScroller(element);
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && escapes(element))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`);
    return { extra: document.documentElement.scrollWidth - width, culprits };
  });
  expect(overflow.extra, `${name} is wider than a 390 px screen: ${overflow.culprits.join(" | ")}`).toBeLessThanOrEqual(1);
  await saveScreenshot(page, `${name}-390`);
  await page.setViewportSize(desktop);
}

/** A separate logged-in browser context, for calling routes or pages as another user. */
export async function loggedInContext(browser: import("@playwright/test").Browser, login: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await logIn(page, login);
  return { context, page, request: context.request };
}

export const SIMULATORS = { cscart: `http://127.0.0.1:${PORTS.e2eCscartSim}`, visma: `http://127.0.0.1:${PORTS.e2eVismaSim}` } as const;

/** Saves both connections to the e2e simulators on the tenant's Connections page and tests each. */
export async function connectSimulators(page: Page, slug: string) {
  await page.goto(`/${slug}/connections`);
  const shop = page.getByTestId("connection-form-CSCART");
  await shop.getByLabel("Shop URL").fill(SIMULATORS.cscart);
  await shop.getByLabel("Admin e-mail").fill("admin@example.com");
  await shop.getByLabel("API key").fill("cscart-demo-api-key");
  await shop.getByRole("button", { name: "Save CS-Cart shop" }).click();
  await expect(shop.getByTestId("form-success")).toBeVisible();
  await shop.getByRole("button", { name: "Test connection" }).click();
  await expect(shop.locator('[data-status="OK"]')).toBeVisible();

  const visma = page.getByTestId("connection-form-VISMA");
  await visma.getByLabel("Client id").fill("apicenter-demo");
  await visma.getByLabel("Company tenant id").fill("demo-company-1");
  await visma.getByLabel("Token URL").fill(`${SIMULATORS.visma}/connect/token`);
  await visma.getByLabel("ERP API base URL").fill(SIMULATORS.visma);
  await visma.getByLabel("Sales order API base URL").fill(SIMULATORS.visma);
  await visma.getByLabel("Client secret").fill("visma-demo-secret");
  await visma.getByRole("button", { name: "Save Visma.net" }).click();
  await expect(visma.getByTestId("form-success")).toBeVisible();
  await visma.getByRole("button", { name: "Test connection" }).click();
  await expect(visma.locator('[data-status="OK"]')).toBeVisible();
  return { visma };
}

/** The simulators' control API (test equipment): read state, create orders, change items. */
export async function simControl<T = unknown>(sim: keyof typeof SIMULATORS, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${SIMULATORS[sim]}/__control${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "x-control-secret": "sim-control-secret", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${sim} control ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The e2e stack's local mailbox (lib/devstack/mailbox.ts): the e-mails the app sent over SMTP. */
export function mailTo(to: string, pattern: RegExp): Promise<ReceivedMail> {
  return waitForMail(async () => (await (await fetch(`http://127.0.0.1:${PORTS.e2eMailbox}/messages`)).json()) as ReceivedMail[], to, pattern);
}
