/** Accounts in the browser: invitation, password change, reset by e-mail, and the login redirect. */
import { expect, test, type Page } from "@playwright/test";
import { setPasswordLinkIn } from "../lib/devstack/mailbox";
import { E2E_BASE_URL } from "../lib/devstack/ports";
import { createTestTenant, createTestUser, TEST_PASSWORD, uniqueSuffix } from "../testing/fixtures";
import { logIn, mailTo, saveScreenshots } from "./helpers";

const NEW_PASSWORD = "brand-new-password-7";

async function choosePassword(page: Page, link: string, password: string) {
  await page.goto(link, { waitUntil: "networkidle" });
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Your password is set. You can log in now.");
}

test("invitation → choose a password → log in", async ({ page, browser }) => {
  const { tenant, users } = await createTestTenant("invite-e2e");
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/team`);
  const invitee = `invitee-${uniqueSuffix()}@test.apicenter.local`;
  await page.getByLabel("E-mail").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("member-added")).toContainText("They get an e-mail");

  const mail = await mailTo(invitee, /invited you to/);
  const guest = await browser.newContext({ baseURL: E2E_BASE_URL });
  const invited = await guest.newPage();
  await choosePassword(invited, setPasswordLinkIn(mail), NEW_PASSWORD);
  await saveScreenshots(invited, "invitation-password-set");
  await invited.getByRole("link", { name: "Log in" }).click();
  await expect(invited.getByLabel("E-mail")).toHaveValue(invitee);
  await invited.getByLabel("Password").fill(NEW_PASSWORD);
  await invited.getByRole("button", { name: "Log in" }).click();
  await expect(invited).toHaveURL(new RegExp(`/${tenant.slug}$`));
  await expect(invited.getByTestId("current-role")).toHaveText("Admin");

  // The link works once.
  const again = await guest.newPage();
  await again.goto(setPasswordLinkIn(mail), { waitUntil: "networkidle" });
  await again.getByLabel("New password", { exact: true }).fill("yet-another-password");
  await again.getByLabel("New password again").fill("yet-another-password");
  await again.getByRole("button", { name: "Save password" }).click();
  await expect(again.getByTestId("form-error")).toContainText("used already or it has expired");
  await guest.close();
});

test("a password change ends the other sessions, not this one", async ({ page, browser }) => {
  const { tenant, users } = await createTestTenant("change-e2e");
  const login = { email: users.ADMIN.email, password: TEST_PASSWORD };
  const other = await browser.newContext({ baseURL: E2E_BASE_URL });
  const elsewhere = await other.newPage();
  await logIn(elsewhere, login);
  await logIn(page, login);

  await page.getByRole("link", { name: "Account" }).click();
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-success")).toHaveText("Your password is changed. Other sessions have ended.");
  await saveScreenshots(page, "account-password-changed");

  await page.goto(`/${tenant.slug}`);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await elsewhere.goto(`/${tenant.slug}`);
  await expect(elsewhere).toHaveURL(/\/login/);
  expect((await other.request.get(`/api/t/${tenant.slug}/overview`)).status()).toBe(401);
  await other.close();
});

test("reset a forgotten password by e-mail", async ({ page }) => {
  const user = await createTestUser("reset-e2e");
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  const ask = async (email: string) => {
    await page.getByLabel("E-mail").fill(email);
    const [response] = await Promise.all([page.waitForResponse("**/api/account/forgot-password"), page.getByRole("button", { name: "Send the link" }).click()]);
    return { status: response.status(), body: await response.json() };
  };
  const known = await ask(user.email);
  await expect(page.getByTestId("form-success")).toContainText("If this address has an APIcenter login");
  await saveScreenshots(page, "forgot-password");
  // An unknown address gets exactly the same answer.
  expect(await ask(`nobody-${uniqueSuffix()}@test.apicenter.local`)).toEqual(known);

  await choosePassword(page, setPasswordLinkIn(await mailTo(user.email, /reset the password/)), NEW_PASSWORD);
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong e-mail or password.");
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "No shop yet" })).toBeVisible();
});

for (const target of ["//evil.example/steal", "/\\evil.example", "https://evil.example/"]) {
  test(`an open-redirect attempt (${target}) lands on the app`, async ({ page }) => {
    const user = await createTestUser("redirect-e2e");
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`, { waitUntil: "networkidle" });
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("heading", { name: "No shop yet" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
  });
}
