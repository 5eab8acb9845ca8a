/**
 * The main flows once more with a Dutch browser (Accept-Language nl-NL): every page reads Dutch,
 * dates and numbers are Dutch, errors are worded in Dutch, and a user can pick another language.
 * With UPDATE_DOC_SCREENSHOTS=1 the overview and settings are also saved to docs/screenshots/.
 */
import { expect, test, type Page } from "@playwright/test";
import { db } from "../lib/db";
import { setPasswordLinkIn } from "../lib/devstack/mailbox";
import { AppError, quoteError } from "../lib/errors";
import { logLine } from "../lib/logs/log-line";
import { createRunLogger } from "../lib/logs/write-log";
import { createTestTenant, TEST_PASSWORD, uniqueSuffix } from "../testing/fixtures";
import { E2E_BASE_URL } from "../lib/devstack/ports";
import { mailTo, OWNER, saveScreenshot } from "./helpers";

test.use({ locale: "nl-NL" });

async function logInDutch(page: Page, login: { email: string; password: string }) {
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("E-mailadres").fill(login.email);
  await page.getByLabel("Wachtwoord").fill(login.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("navigation", { name: "Onderdelen" })).toBeVisible();
}

async function saveDocScreenshot(page: Page, name: string) {
  await saveScreenshot(page, name);
  if (process.env.UPDATE_DOC_SCREENSHOTS === "1") await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

test("login: Dutch page, Dutch error for a wrong password", async ({ page }) => {
  await page.goto("/login", { waitUntil: "networkidle" });
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { name: "Inloggen bij APIcenter" })).toBeVisible();
  await page.getByLabel("E-mailadres").fill(OWNER.email);
  await page.getByLabel("Wachtwoord").fill("niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Onjuist e-mailadres of wachtwoord.");
});

test("overview: Dutch headings, statuses, module names and dates", async ({ page }) => {
  await logInDutch(page, OWNER);
  await expect(page.getByRole("heading", { name: "Verbindingen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Synchronisatiemodules" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Eigenaar");
  await expect(page.getByTestId("connection-CSCART")).toContainText("CS-Cart-webshop");
  await expect(page.getByTestId("module-order-export")).toContainText("Bestellingen exporteren");
  await expect(page.getByTestId("module-product-import").getByTestId("next-run")).toContainText("Volgende synchronisatie:");
  await expect(page.getByRole("button", { name: "Producten importeren nu starten" })).toBeVisible();
  await expect(page.getByRole("img", { name: /gesynchroniseerd in de afgelopen 72 uur/ })).toBeVisible();
  // The demo's connections were checked at start: "Laatst gecontroleerd op 30-11-2026, 14:05".
  await expect(page.getByTestId("connection-VISMA")).toContainText(/Laatst gecontroleerd op \d{2}-\d{2}-\d{4}, \d{2}:\d{2}/);
  await expect(page.getByText("Gesynchroniseerde records per uur")).toBeVisible();
  await saveDocScreenshot(page, "nl-overview");
});

test("settings: Dutch form, a wrong value named in Dutch beside its field", async ({ page }) => {
  await logInDutch(page, OWNER);
  await page.getByRole("link", { name: "Instellingen" }).click();
  await expect(page.getByRole("heading", { name: "Instellingen" })).toBeVisible();
  await expect(page.getByLabel("Taal van e-mails")).toHaveValue("en");
  await expect(page.getByRole("link", { name: "ordertoewijzing" })).toBeVisible();
  await expect(page.getByLabel("Magazijnen voor voorraad")).toBeVisible();
  await saveDocScreenshot(page, "nl-settings");
  await page.getByLabel("Logboek bewaren (dagen)").fill("0");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByText("bewaar het logboek minstens 1 dag")).toBeVisible();
  await expect(page.getByTestId("form-error")).toHaveText("Niet alle velden zijn goed ingevuld: zie de meldingen bij de velden.");
});

test("connections, mappings, team: Dutch labels and Dutch validation messages", async ({ page }) => {
  const { tenant, users } = await createTestTenant("nl-e2e");
  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });

  await page.goto(`/${tenant.slug}/connections`);
  const shop = page.getByTestId("connection-form-CSCART");
  await expect(shop.getByTestId("secret-state")).toHaveText("API-sleutel is niet ingesteld.");
  await shop.getByLabel("Adres van de webshop").fill("https://shop.example.com");
  await shop.getByLabel("E-mailadres van de beheerder").fill("geen-e-mailadres");
  await shop.getByRole("button", { name: "CS-Cart-webshop opslaan" }).click();
  await expect(shop.getByTestId("field-error").first()).toHaveText("moet het e-mailadres van de beheerder zijn");

  await page.goto(`/${tenant.slug}/mappings`);
  await expect(page.getByTestId("mapping-version")).toHaveText("De standaardtoewijzing is actief (nooit opgeslagen).");
  await page.getByLabel("Standaard categorie-ID").fill("nul");
  await page.getByRole("button", { name: "Opslaan als nieuwe versie" }).click();
  await expect(page.getByText("een categorie-ID van CS-Cart is een geheel getal groter dan 0")).toBeVisible();

  await page.goto(`/${tenant.slug}/team`);
  await page.getByLabel("E-mailadres", { exact: true }).fill("nee");
  await page.getByRole("button", { name: "Toevoegen", exact: true }).click();
  await expect(page.getByTestId("field-error")).toHaveText("geen geldig e-mailadres");
  await page.getByLabel(`Rol van ${users.OWNER.email}`).selectOption("VIEWER");
  await expect(page.getByTestId("form-error").filter({ hasText: "laatste eigenaar" })).toHaveText(
    "Je kunt de laatste eigenaar geen andere rol geven: maak eerst iemand anders eigenaar.",
  );
});

test("run detail and logs: a failed order's reason in Dutch, counts and retention in Dutch", async ({ page }) => {
  const { tenant, users } = await createTestTenant("nl-runs");
  const run = await db.syncRun.create({
    data: {
      tenantId: tenant.id,
      module: "ORDER_EXPORT",
      trigger: "MANUAL",
      status: "PARTIAL",
      created: 1234,
      failed: 1,
      startedAt: new Date(),
      finishedAt: new Date(),
    },
  });
  await db.syncItem.create({
    data: {
      tenantId: tenant.id,
      module: "ORDER_EXPORT",
      externalId: "1042",
      state: "FAILED",
      attempts: 1,
      lastRunId: run.id,
      lastError: 'Article "KJK-15" does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.',
      errorCode: "SKU_NOT_FOUND",
      errorKind: "data",
      errorParams: { variant: "missing", missing: ['"KJK-15"'], inactive: [] },
    },
  });
  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/runs`);
  await expect(page.getByRole("heading", { name: "Synchronisaties" })).toBeVisible();
  await expect(page.getByTestId("run-row").first()).toContainText("1.234 nieuw");
  await page.getByTestId("run-row").first().getByRole("link", { name: "Bestellingen exporteren" }).click();
  await expect(page.getByRole("heading", { name: "Bestellingen exporteren: synchronisatie" })).toBeVisible();
  await expect(page.getByText("Aanleiding: handmatig")).toBeVisible();
  const item = page.locator('[data-testid="run-item"][data-external-id="1042"]');
  await expect(item).toContainText(
    'Artikel "KJK-15" bestaat niet in Visma.net. Maak het daar aan (of corrigeer de SKU in CS-Cart) en probeer de bestelling daarna opnieuw.',
  );
  await expect(item).toContainText("(gegevens)");
  await expect(item.getByRole("button", { name: "1042 opnieuw proberen" })).toBeVisible();
  await saveScreenshot(page, "nl-run-detail");

  await page.getByRole("link", { name: "Logboek", exact: true }).click();
  await expect(page.getByTestId("retention")).toHaveText("Regels worden 30 dagen bewaard en daarna automatisch verwijderd.");
  await expect(page.getByTestId("empty-state")).toContainText("Geen logregels gevonden");
});

test("run logs: every line and a run's error in Dutch, a line without a code in English; search finds the English text", async ({ page }) => {
  const { tenant, users } = await createTestTenant("nl-logs");
  const run = await db.syncRun.create({
    data: {
      tenantId: tenant.id,
      module: "ORDER_EXPORT",
      trigger: "SCHEDULE",
      status: "FAILED",
      startedAt: new Date(),
      finishedAt: new Date(),
      error: "The Visma.net connection is not set up yet: fill it in under Connections.",
      errorCode: "CONNECTION_MISSING",
      errorParams: { kind: "VISMA" },
    },
  });
  // Written by the run logger itself, as the engine writes them: English text, code and params.
  const log = createRunLogger({ tenantId: tenant.id, runId: run.id, module: "ORDER_EXPORT", storeLogs: true, retentionDays: 30 });
  const missing = new AppError(
    "SKU_NOT_FOUND",
    'Article "KJK-15" does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.',
    {
      params: { variant: "missing", missing: ['"KJK-15"'], inactive: [] },
    },
  );
  log.info(logLine("runStarted", { trigger: "SCHEDULE" }));
  log.info(logLine("orderExported", { orderId: "1041", salesOrder: "SO-000123" }));
  log.warn(logLine("fieldCut", { subject: "order", orderId: "1041", field: "billingCity", max: 50, leftOut: "(ved Tindeveien)" }));
  log.error(logLine("recordFailed", { recordsOf: "order-export", externalId: "1042", error: quoteError(missing) }), { code: missing.code });
  log.info("A line written without a code.");
  await log.flush();

  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/runs/${run.id}`);
  await expect(page.getByTestId("run-error")).toHaveText("De verbinding met Visma.net is nog niet ingesteld: vul die in bij Verbindingen.");
  await page.getByRole("link", { name: "Logboek van deze synchronisatie →" }).click();
  const rows = page.getByTestId("log-row");
  await expect(rows).toHaveCount(5);
  for (const text of [
    "Synchronisatie gestart (volgens planning).",
    "Bestelling 1041 → verkooporder SO-000123 in Visma.net.",
    'Bestelling 1041: de plaats van het factuuradres is langer dan Visma.net toestaat (50 tekens); "(ved Tindeveien)" is weggelaten.',
    'Bestelling 1042 kon niet worden geschreven: Artikel "KJK-15" bestaat niet in Visma.net. Maak het daar aan (of corrigeer de SKU in CS-Cart) en probeer de bestelling daarna opnieuw.',
    "A line written without a code.",
  ]) {
    await expect(rows.filter({ hasText: text })).toHaveCount(1);
  }
  await expect(rows.filter({ hasText: "Bestelling 1042" })).toContainText("Fout");
  await saveDocScreenshot(page, "nl-run-log");

  // Search reads the stored English text; the line found is still shown in Dutch.
  await page.getByLabel("Zoeken in meldingen").fill("could not be written");
  await page.getByRole("button", { name: "Zoeken", exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Bestelling 1042 kon niet worden geschreven");
});

test("accounts: a Dutch invitation from a Dutch browser, Dutch account pages and their errors", async ({ page, browser }) => {
  const { tenant, users } = await createTestTenant("nl-accounts");
  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/team`);
  const invitee = `uitgenodigd-${uniqueSuffix()}@test.apicenter.local`;
  await page.getByLabel("E-mailadres", { exact: true }).fill(invitee);
  await page.getByRole("button", { name: "Toevoegen", exact: true }).click();
  await expect(page.getByTestId("member-added")).toContainText("krijgt een e-mail");
  // The invitee has no language yet: the inviting browser's applies.
  const invitation = await mailTo(invitee, /heeft je uitgenodigd/);
  expect(invitation.subject).toBe(`Je bent uitgenodigd voor ${tenant.name} op APIcenter`);

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Je account" })).toBeVisible();
  await page.getByLabel("Huidig wachtwoord").fill("niet-mijn-wachtwoord");
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("een-nieuw-wachtwoord");
  await page.getByLabel("Nieuw wachtwoord herhalen").fill("een-nieuw-wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("dit is niet je huidige wachtwoord");

  const guest = await browser.newContext({ baseURL: E2E_BASE_URL, locale: "nl-NL" });
  const invited = await guest.newPage();
  await invited.goto(setPasswordLinkIn(invitation), { waitUntil: "networkidle" });
  await expect(invited.getByRole("heading", { name: "Kies je wachtwoord" })).toBeVisible();
  await invited.getByLabel("Nieuw wachtwoord", { exact: true }).fill("kort");
  await invited.getByLabel("Nieuw wachtwoord herhalen").fill("kort");
  await invited.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(invited.getByTestId("field-error")).toHaveText("minstens 10 tekens");
  await invited.goto("/forgot-password", { waitUntil: "networkidle" });
  await invited.getByLabel("E-mailadres").fill(invitee);
  await invited.getByRole("button", { name: "Link versturen" }).click();
  await expect(invited.getByTestId("form-success")).toHaveText(/^Als dit adres een APIcenter-account heeft, is er een link onderweg/);
  await invited.getByRole("link", { name: "Terug naar inloggen" }).click();
  await expect(invited.getByRole("link", { name: "Wachtwoord vergeten?" })).toBeVisible();
  await guest.close();
});

test("a user picks a language for their account, and can go back to the browser's", async ({ page }) => {
  const { tenant, users } = await createTestTenant("nl-choice");
  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.getByTestId("language-menu").selectOption("en");
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Overview" })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: users.OWNER.id } })).locale).toBe("en");
  // The choice is the account's: it holds on every page and after a reload, whatever the browser says.
  await page.goto(`/${tenant.slug}/settings`);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByTestId("language-menu").selectOption("auto");
  await expect(page.getByRole("heading", { name: "Instellingen" })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: users.OWNER.id } })).locale).toBeNull();
});

test("the language route needs a session and names a wrong language", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const refused = await anonymous.put("/api/account/locale", { data: { locale: "nl" } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "UNAUTHENTICATED", params: { variant: "loginRequired" } });
  await anonymous.dispose();

  const { users } = await createTestTenant("nl-route");
  await logInDutch(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  const wrong = await page.request.put("/api/account/locale", { data: { locale: "de" } });
  expect(wrong.status()).toBe(400);
  expect((await wrong.json()).error.details).toMatchObject({ fieldIssues: { locale: { code: "choice", params: { values: ["en", "nl"] } } } });
  expect((await db.user.findUniqueOrThrow({ where: { id: users.OWNER.id } })).locale).toBeNull();
});
