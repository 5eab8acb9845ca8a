/**
 * Alerts and personal data in the browser: the overview shows the open conditions at the top with
 * what to do, and a member mutes alert e-mails for themselves; a run a rate limit paused says until
 * when (overview, run, log); an admin sets the webhook and sees
 * its secret; the owner downloads the data as a zip and deletes the shop after typing its slug.
 */
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import { evaluateAlerts } from "../lib/alerts/evaluate-alerts";
import { db } from "../lib/db";
import { quoteDate, quoteError } from "../lib/errors";
import { appErrorRateLimitedUntil } from "../lib/http/remote-errors";
import { logLine } from "../lib/logs/log-line";
import { createRunLogger } from "../lib/logs/write-log";
import { createTestTenant, TEST_PASSWORD } from "../testing/fixtures";
import { logIn, saveScreenshots } from "./helpers";

test("open alerts head the overview with what to do, and a member mutes their own alert e-mails", async ({ page }) => {
  const { tenant, users } = await createTestTenant("alerts-ui");
  await db.syncItem.create({ data: { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "4242", state: "FAILED", lastError: "SKU X not found" } });
  await evaluateAlerts({ tenantIds: [tenant.id] });
  await logIn(page, { email: users.ADMIN.email, password: TEST_PASSWORD });

  await page.goto(`/${tenant.slug}`);
  const alert = page.getByTestId("open-alert");
  await expect(alert).toHaveAttribute("data-kind", "RECORDS_FAILED");
  await expect(alert).toContainText("1 record of Order export failed and waits for a fix");
  await expect(alert).toContainText("What to do: Open the failed records under Runs");
  await saveScreenshots(page, "overview-alerts");

  await page.getByTestId("mute-alerts").click();
  await expect(page.getByTestId("alerts-muted")).toBeVisible();
  expect((await db.membership.findFirstOrThrow({ where: { tenantId: tenant.id, userId: users.ADMIN.id } })).alertsMuted).toBe(true);
  expect((await db.membership.findFirstOrThrow({ where: { tenantId: tenant.id, userId: users.OWNER.id } })).alertsMuted).toBe(false);
  await page.getByTestId("mute-alerts").click();
  await expect(page.getByTestId("alerts-muted")).toBeHidden();
});

test("a run a rate limit paused says until when, on the overview, the run and its log", async ({ page }) => {
  const { tenant, users } = await createTestTenant("rate-limit-ui");
  // Only a module that is on runs on its schedule (and has a card on the overview of a shop still setting up).
  const { schedules } = await db.settings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
  const customers = (schedules as Record<string, object>).CUSTOMER_IMPORT;
  await db.settings.update({
    where: { tenantId: tenant.id },
    data: { schedules: { ...(schedules as object), CUSTOMER_IMPORT: { ...customers, enabled: true } } },
  });
  const until = new Date(Date.now() + 40 * 60_000);
  const refused = appErrorRateLimitedUntil({ remote: "visma", remoteLabel: "Visma.net", endpoint: "GET /api/v1/customer" }, until.getTime());
  const paused = await db.syncRun.create({
    data: {
      tenantId: tenant.id,
      module: "CUSTOMER_IMPORT",
      trigger: "SCHEDULE",
      status: "RATE_LIMITED",
      startedAt: new Date(),
      finishedAt: new Date(),
      rateLimitedUntil: until,
      error: refused.message,
      errorCode: refused.code,
      errorParams: refused.params,
    },
  });
  // The job handler queues the next run for the time the remote named.
  await db.syncRun.create({ data: { tenantId: tenant.id, module: "CUSTOMER_IMPORT", trigger: "SCHEDULE", status: "QUEUED", rateLimitedUntil: until } });
  const log = createRunLogger({ tenantId: tenant.id, runId: paused.id, module: "CUSTOMER_IMPORT", storeLogs: true, retentionDays: 30 });
  log.warn(logLine("runPaused", { error: quoteError(refused), until: quoteDate(until) }), { code: refused.code });
  await log.flush();
  await logIn(page, { email: users.ADMIN.email, password: TEST_PASSWORD });

  await page.goto(`/${tenant.slug}`);
  await expect(page.getByTestId("module-customer-import").getByTestId("rate-limited-until")).toContainText("Waits for a rate limit until");
  await page.goto(`/${tenant.slug}/runs/${paused.id}`);
  await expect(page.getByTestId("rate-limited-until")).toContainText("Waits for a rate limit until");
  await expect(page.getByText("Rate-limited", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "This run's log →" }).click();
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toContainText("Run paused until");
  await expect(page.getByTestId("log-row")).toContainText("Visma.net allows no more requests until");
});

test("an admin sets the alert webhook; a URL with a query is refused with a reason", async ({ page }) => {
  const { tenant, users } = await createTestTenant("webhook-ui");
  await logIn(page, { email: users.ADMIN.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/settings`);
  const card = page.getByTestId("webhook-card");
  await card.getByLabel("Webhook URL").fill("https://hooks.example.com/apicenter?token=1");
  await card.getByRole("button", { name: "Save webhook" }).click();
  await expect(card).toContainText("query");
  await card.getByLabel("Webhook URL").fill("https://hooks.example.com/apicenter");
  await card.getByRole("button", { name: "Save webhook" }).click();
  await expect(card.getByTestId("webhook-secret")).toContainText("whsec_");
  const first = await card.getByTestId("webhook-secret").textContent();
  await card.getByRole("button", { name: "New secret" }).click();
  await expect(card.getByTestId("webhook-secret")).not.toHaveText(first!);
  expect(await db.settings.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({ webhookUrl: "https://hooks.example.com/apicenter" });
  // Only owners see "Your data".
  await expect(page.getByTestId("tenant-data-card")).toHaveCount(0);
});

test("the owner downloads all data as a zip, then deletes the shop", async ({ page }) => {
  const { tenant, users } = await createTestTenant("data-ui");
  await db.logEntry.create({ data: { tenantId: tenant.id, level: "INFO", message: "a line to export", expiresAt: new Date(Date.now() + 86_400_000) } });
  await logIn(page, { email: users.OWNER.email, password: TEST_PASSWORD });
  await page.goto(`/${tenant.slug}/settings`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-data").click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^apicenter-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(strFromU8(files["logs.json"]!)).toContain("a line to export");

  await page.getByRole("button", { name: "Delete this shop…" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await dialog.getByLabel(`Type ${tenant.slug} to confirm`).fill("wrong");
  await dialog.getByRole("button", { name: "Delete the shop" }).click();
  await expect(dialog.getByTestId("field-error")).toBeVisible();
  expect(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ deletionRequestedAt: null });
  await dialog.getByLabel(`Type ${tenant.slug} to confirm`).fill(tenant.slug);
  await dialog.getByRole("button", { name: "Delete the shop" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await db.tenant.findUnique({ where: { id: tenant.id } }))?.deletionRequestedAt ?? "removed").not.toBeNull();
  expect(await db.membership.count({ where: { tenantId: tenant.id } })).toBe(0);
  expect(await db.tenantDeletion.count({ where: { tenantId: tenant.id } })).toBe(1);
});
