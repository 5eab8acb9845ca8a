/** Security headers on pages and API routes, a CSP the app runs under, and CSRF refusals. */
import { expect, test } from "@playwright/test";
import { logIn, OWNER } from "./helpers";

const COMMON = { "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" };

test("pages carry a nonce CSP without inline script, and the app runs under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const login = await page.goto("/login");
  const headers = login!.headers();
  expect(headers).toMatchObject(COMMON);
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp).toContain("frame-ancestors 'none'");
  // Every script tag carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((value) => value === nonce)).toBe(true);

  await logIn(page, OWNER);
  await page.getByRole("link", { name: "Runs" }).click();
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
  expect(violations).toEqual([]);
  const again = await page.goto("/demo");
  expect(/'nonce-([^']+)'/.exec(again!.headers()["content-security-policy"]!)![1]).not.toBe(nonce);
});

test("API routes and the image route allow nothing to run", async ({ page }) => {
  await logIn(page, OWNER);
  for (const path of ["/api/t/demo/overview", "/api/t/no-such-tenant/overview", "/api/images/not-a-token"]) {
    const response = await page.request.get(path);
    expect(response.headers(), path).toMatchObject(COMMON);
    expect(response.headers()["content-security-policy"], path).toContain("default-src 'none'");
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("a state-changing request from another site, or without JSON, is refused", async ({ page }) => {
  await logIn(page, OWNER);
  const crossSite = await page.request.post("/api/t/demo/sync/order-export", { headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.message).toBe("This request came from another site and was refused.");
  const fetchMetadata = await page.request.patch("/api/t/demo/settings", { headers: { "sec-fetch-site": "cross-site" }, data: { logRetentionDays: 5 } });
  expect(fetchMetadata.status()).toBe(403);
  const form = await page.request.patch("/api/t/demo/settings", { headers: { "content-type": "text/plain" }, data: '{"logRetentionDays":5}' });
  expect(form.status()).toBe(400);
  expect((await form.json()).error.message).toBe("The request body must be JSON (Content-Type: application/json).");
  const forgot = await page.request.post("/api/account/forgot-password", { form: { email: OWNER.email } });
  expect(forgot.status()).toBe(400);
});
