/**
 * Alerts end to end, per condition: it starts (one e-mail to the owners and admins and the alert
 * list, through a real SMTP server, kept in the outbox), reminds at the tenant's pace, ends (one
 * "resolved" e-mail), and a member who muted hears nothing. Two evaluations at once send once. The
 * webhook gets the same notices, signed, through the outbound guard, retried when it fails.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleDeliverWebhookJob } from "../../workers/jobs/deliver-webhook";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { createTestTenant, uniqueSuffix } from "../../testing/fixtures";
import { startTestBoss } from "../../testing/test-boss";
import { resolveTenantAccess } from "../auth/tenant-access";
import { encryptSecret } from "../crypto";
import { db, type AlertKind, type RunStatus } from "../db";
import { startMailbox, type ReceivedMail } from "../devstack/mailbox";
import { ALERT_WEBHOOK_QUEUE } from "../jobs/queues";
import { SYNC_MODULES } from "../sync/modules";
import { evaluateAlerts } from "./evaluate-alerts";
import { listOpenAlerts } from "./list-open-alerts";
import { setAlertsMuted } from "./mute-alerts";
import { LONG_RATE_LIMIT_MS } from "./observe-conditions";
import { saveWebhook } from "./webhook/save-webhook";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "./webhook/sign-webhook";

// Before anything reads the environment: e-mails go to this SMTP server.
const mailbox = await startMailbox();
process.env.SMTP_URL = mailbox.smtpUrl;

type Received = { headers: IncomingMessage["headers"]; body: string };
const webhookCalls: Received[] = [];
let webhookStatus = 200;
let receiver: Server;
let receiverUrl: string;
let boss: PgBoss;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      webhookCalls.push({ headers: request.headers, body });
      response.writeHead(webhookStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/apicenter`;
  allowLocalServers(receiverUrl);
  boss = await startTestBoss();
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await new Promise((resolve) => receiver?.close(resolve));
  await mailbox.close();
});

const HOUR = 3_600_000;

/** A tenant with its connections set up, only `enabled` modules switched on, and one address on its alert list. */
async function alertTenant(label: string, enabled: string[] = ["ORDER_EXPORT"]) {
  const fixture = await createTestTenant(label);
  const listed = `list-${uniqueSuffix()}@alerts.test`;
  const schedules = Object.fromEntries(SYNC_MODULES.ids.map((id) => [id, { enabled: enabled.includes(id), intervalMinutes: 15 }]));
  await db.settings.update({ where: { tenantId: fixture.tenant.id }, data: { schedules, failureEmailRecipients: [listed], alertReminderHours: 24 } });
  for (const kind of ["CSCART", "VISMA"] as const) {
    await db.connection.create({
      data: { tenantId: fixture.tenant.id, kind, config: {}, status: "OK", encryptedSecret: encryptSecret("secret", { tenantId: fixture.tenant.id, kind }) },
    });
  }
  const evaluate = (now = new Date()) => evaluateAlerts({ now, tenantIds: [fixture.tenant.id], boss });
  const mailsTo = (email: string) => mailbox.messages().filter((mail) => mail.to.includes(email.toLowerCase()));
  const { OWNER, ADMIN, VIEWER } = fixture.users;
  return { ...fixture, listed, evaluate, mailsTo, owner: OWNER.email, admin: ADMIN.email, viewer: VIEWER.email };
}

type AlertTenant = Awaited<ReturnType<typeof alertTenant>>;

function subjects(mails: ReceivedMail[]): string[] {
  return mails.map((mail) => mail.subject);
}

async function openKinds(tenantId: string): Promise<AlertKind[]> {
  return (await listOpenAlerts(tenantId)).map((alert) => alert.kind);
}

/**
 * The life of one condition: its cause is in place, `cure` ends it. Checks the start e-mail (to
 * owner, admin and the list, never the viewer; once, however often evaluated), the reminder after
 * the pace, and the one "resolved" e-mail. The test's clock jumps a day ahead for the reminder, so
 * other conditions may start meanwhile (a module without runs for a day); only this one's e-mails
 * are counted.
 */
async function checkLifecycle(t: AlertTenant, kind: AlertKind, title: RegExp, cure: () => Promise<void>) {
  const about = (address: string) => t.mailsTo(address).filter((mail) => title.test(mail.subject));
  const start = new Date();
  await t.evaluate(start);
  await t.evaluate(new Date(start.getTime() + 60_000));
  expect(await openKinds(t.tenant.id)).toEqual([kind]);
  for (const address of [t.owner, t.admin, t.listed]) expect(subjects(t.mailsTo(address)), address).toEqual([expect.stringMatching(title)]);
  expect(t.mailsTo(t.viewer)).toHaveLength(0);
  const started = t.mailsTo(t.owner)[0]!;
  expect(started.text).toMatch(/What to do: /);
  expect(started.text).toContain(`/${t.tenant.slug}`);
  // Kept in the tenant's outbox like every e-mail.
  expect(await db.outboundEmail.count({ where: { tenantId: t.tenant.id, dedupeKey: { startsWith: "alert:" } } })).toBe(1);

  // Not before the pace; then one reminder.
  await t.evaluate(new Date(start.getTime() + 23 * HOUR));
  expect(about(t.owner)).toHaveLength(1);
  await t.evaluate(new Date(start.getTime() + 24 * HOUR + 60_000));
  await t.evaluate(new Date(start.getTime() + 24 * HOUR + 120_000));
  expect(subjects(about(t.owner))).toEqual([expect.any(String), expect.stringMatching(/Still: /)]);

  await cure();
  await t.evaluate(new Date(start.getTime() + 25 * HOUR));
  await t.evaluate(new Date(start.getTime() + 25 * HOUR + 60_000));
  expect(await openKinds(t.tenant.id)).not.toContain(kind);
  expect(subjects(about(t.owner))).toEqual([expect.any(String), expect.any(String), expect.stringMatching(/Resolved: /)]);
  expect(about(t.listed)).toHaveLength(3);
  expect(about(t.viewer)).toHaveLength(0);
}

async function finishedRun(tenantId: string, module: string, status: RunStatus, finishedAt: Date, extra: { rateLimitedUntil?: Date; error?: string } = {}) {
  return db.syncRun.create({ data: { tenantId, module, trigger: "SCHEDULE", status, queuedAt: finishedAt, startedAt: finishedAt, finishedAt, ...extra } });
}

describe("alert conditions", () => {
  it("a connection that fails: start, reminder, resolved", async () => {
    const t = await alertTenant("alert-conn");
    await db.connection.updateMany({
      where: { tenantId: t.tenant.id, kind: "VISMA" },
      data: { status: "FAILING", lastError: "Visma.net did not accept the login." },
    });
    await checkLifecycle(t, "CONNECTION_FAILING", /The Visma\.net connection is failing/, async () => {
      await db.connection.updateMany({ where: { tenantId: t.tenant.id }, data: { status: "OK", lastError: null } });
    });
    expect(t.mailsTo(t.owner)[0]!.text).toContain("Visma.net did not accept the login.");
  });

  it("a connection of a tenant with every module off (still setting up) raises nothing", async () => {
    const t = await alertTenant("alert-setup", []);
    await db.connection.updateMany({ where: { tenantId: t.tenant.id }, data: { status: "FAILING", lastError: "wrong key" } });
    await t.evaluate();
    expect(await openKinds(t.tenant.id)).toEqual([]);
    expect(t.mailsTo(t.owner)).toHaveLength(0);
  });

  it("runs failing N times in a row (rate-limited runs do not count, nor break the streak)", async () => {
    const t = await alertTenant("alert-runs", ["PRODUCT_IMPORT"]);
    const base = Date.now() - 10 * 60_000;
    await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "SUCCEEDED", new Date(base));
    await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "FAILED", new Date(base + 60_000), { error: "CS-Cart could not be reached." });
    await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "FAILED", new Date(base + 120_000), { error: "CS-Cart could not be reached." });
    await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "RATE_LIMITED", new Date(base + 180_000), { rateLimitedUntil: new Date(base + 190_000) });
    await t.evaluate();
    expect(await openKinds(t.tenant.id)).toEqual([]); // two failures, then a rate limit: not three in a row
    await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "FAILED", new Date(base + 240_000), { error: "CS-Cart could not be reached." });
    await checkLifecycle(t, "RUNS_FAILING", /Product import failed 3 times in a row/, async () => {
      await finishedRun(t.tenant.id, "PRODUCT_IMPORT", "SUCCEEDED", new Date());
    });
  });

  it("orders pending longer than X hours", async () => {
    const t = await alertTenant("alert-pending");
    await db.settings.update({ where: { tenantId: t.tenant.id }, data: { alertPendingOrderHours: 2 } });
    const early = await db.syncItem.create({
      data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "1001", state: "PENDING", createdAt: new Date(Date.now() - HOUR) },
    });
    await t.evaluate();
    expect(await openKinds(t.tenant.id)).toEqual([]); // one hour is not two
    const late = await db.syncItem.create({
      data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "1002", state: "PENDING", createdAt: new Date(Date.now() - 3 * HOUR) },
    });
    await checkLifecycle(t, "ORDERS_PENDING", /not in Visma\.net after 2 hours/, async () => {
      await db.syncItem.updateMany({ where: { id: { in: [early.id, late.id] } }, data: { state: "DONE" } });
    });
    expect(t.mailsTo(t.owner)[0]!.subject).toMatch(/ 1 order is not/);
    expect(t.mailsTo(t.owner).filter((mail) => /Still: /.test(mail.subject))[0]!.subject).toMatch(/ 2 orders are not/);
  });

  it("an enabled module without a run for 3 × its interval (workers down), unless a rate limit explains it", async () => {
    const t = await alertTenant("alert-idle", ["STOCK_SYNC"]);
    await db.settings.update({ where: { tenantId: t.tenant.id }, data: { updatedAt: new Date(Date.now() - 5 * HOUR) } });
    await finishedRun(t.tenant.id, "STOCK_SYNC", "RATE_LIMITED", new Date(Date.now() - 2 * HOUR), { rateLimitedUntil: new Date(Date.now() - 30 * 60_000) });
    await t.evaluate();
    expect(await openKinds(t.tenant.id)).toEqual([]); // the limit ended half an hour ago: not three intervals yet
    await db.syncRun.deleteMany({ where: { tenantId: t.tenant.id } });
    await finishedRun(t.tenant.id, "STOCK_SYNC", "SUCCEEDED", new Date(Date.now() - 50 * 60_000));
    await checkLifecycle(t, "MODULE_NOT_RUNNING", /Stock sync has not run since/, async () => {
      await finishedRun(t.tenant.id, "STOCK_SYNC", "SUCCEEDED", new Date(Date.now() + 25 * HOUR));
    });
  });

  it("records that failed and wait for a fix", async () => {
    const t = await alertTenant("alert-records", ["CUSTOMER_IMPORT"]);
    const failed = await db.syncItem.create({
      data: { tenantId: t.tenant.id, module: "CUSTOMER_IMPORT", externalId: "C-7", state: "FAILED", lastError: "invalid e-mail" },
    });
    await checkLifecycle(t, "RECORDS_FAILED", /1 record of Customer import failed and waits for a fix/, async () => {
      await db.syncItem.update({ where: { id: failed.id }, data: { state: "DONE", lastError: null } });
    });
  });

  it("a rate limit that lasts", async () => {
    const t = await alertTenant("alert-limit", ["ORDER_EXPORT"]);
    const first = Date.now() - 20 * 60_000;
    await finishedRun(t.tenant.id, "ORDER_EXPORT", "RATE_LIMITED", new Date(first), {
      rateLimitedUntil: new Date(first + 5 * 60_000),
      error: "Visma.net allows no more requests until 10:00 UTC.",
    });
    await t.evaluate();
    expect(await openKinds(t.tenant.id)).toEqual([]); // five minutes is not long
    expect(LONG_RATE_LIMIT_MS).toBeGreaterThan(5 * 60_000);
    // Then a daily budget is spent: no requests for a day (long enough for the test's reminder).
    await finishedRun(t.tenant.id, "ORDER_EXPORT", "RATE_LIMITED", new Date(first + 6 * 60_000), { rateLimitedUntil: new Date(first + 26 * HOUR) });
    await checkLifecycle(t, "RATE_LIMITED", /Order export is held back by a rate limit until/, async () => {
      await finishedRun(t.tenant.id, "ORDER_EXPORT", "SUCCEEDED", new Date(Date.now() + HOUR));
    });
  });
});

describe("alert notices", () => {
  it("skip a member who muted alerts for themselves, and only them", async () => {
    const t = await alertTenant("alert-mute");
    await setAlertsMuted(await resolveTenantAccess(t.users.ADMIN.id, t.tenant.slug, "ADMIN"), { muted: true });
    await db.syncItem.create({ data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "77", state: "FAILED" } });
    const start = new Date();
    await t.evaluate(start);
    await t.evaluate(new Date(start.getTime() + 25 * HOUR));
    const about = (address: string) => t.mailsTo(address).filter((mail) => /of Order export failed/.test(mail.subject));
    expect(t.mailsTo(t.admin)).toHaveLength(0);
    expect(about(t.owner)).toHaveLength(2);
    expect(about(t.listed)).toHaveLength(2);

    await setAlertsMuted(await resolveTenantAccess(t.users.ADMIN.id, t.tenant.slug, "ADMIN"), { muted: false });
    await db.syncItem.updateMany({ where: { tenantId: t.tenant.id }, data: { state: "DONE" } });
    await t.evaluate(new Date(start.getTime() + 26 * HOUR));
    expect(subjects(about(t.admin))).toEqual([expect.stringMatching(/Resolved: /)]);
  });

  it("speak each recipient's language: a member's own choice, else the shop's e-mail language", async () => {
    const t = await alertTenant("alert-lang");
    await db.user.update({ where: { id: t.users.ADMIN.id }, data: { locale: "nl" } });
    await db.settings.update({ where: { tenantId: t.tenant.id }, data: { emailLocale: "nl" } });
    await db.user.update({ where: { id: t.users.OWNER.id }, data: { locale: "en" } });
    await db.syncItem.create({ data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "55", state: "FAILED" } });
    await t.evaluate();
    expect(subjects(t.mailsTo(t.owner))).toEqual([expect.stringMatching(/1 record of Order export failed/)]);
    expect(subjects(t.mailsTo(t.admin))).toEqual([expect.stringMatching(/1 record van Bestellingen exporteren is mislukt/)]);
    expect(subjects(t.mailsTo(t.listed))).toEqual([expect.stringMatching(/1 record van Bestellingen exporteren is mislukt/)]);
    expect(t.mailsTo(t.admin)[0]!.text).toMatch(/^Hallo,/);
    // One e-mail per language, both in the outbox.
    expect(await db.outboundEmail.count({ where: { tenantId: t.tenant.id, dedupeKey: { startsWith: "alert:" } } })).toBe(2);
  });

  it("quote the error in each recipient's language when it has a code and params", async () => {
    const t = await alertTenant("alert-quote");
    await db.user.update({ where: { id: t.users.ADMIN.id }, data: { locale: "nl" } });
    await db.user.update({ where: { id: t.users.OWNER.id }, data: { locale: "en" } });
    await db.connection.updateMany({
      where: { tenantId: t.tenant.id, kind: "CSCART" },
      data: {
        status: "FAILING",
        lastError:
          "The CS-Cart shop is at 10.0.0.7, which is not a public internet address. APIcenter only connects to public addresses: check the address in the connection settings.",
        lastErrorCode: "REMOTE_ADDRESS_REFUSED",
        lastErrorParams: { remote: "cscart", host: "10.0.0.7" },
      },
    });
    await t.evaluate();
    expect(t.mailsTo(t.owner)[0]!.text).toContain("Last error: The CS-Cart shop is at 10.0.0.7, which is not a public internet address.");
    expect(t.mailsTo(t.admin)[0]!.text).toContain("Laatste fout: De CS-Cart-webshop staat op 10.0.0.7, en dat is geen openbaar internetadres.");
    const [open] = await listOpenAlerts(t.tenant.id);
    expect(open!.detail).toMatchObject({ errorCode: "REMOTE_ADDRESS_REFUSED", errorParams: { remote: "cscart", host: "10.0.0.7" } });
  });

  it("go out once when two evaluations run at the same moment", async () => {
    const t = await alertTenant("alert-race");
    await db.syncItem.create({ data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "88", state: "FAILED" } });
    const now = new Date();
    await Promise.all([t.evaluate(now), t.evaluate(now), t.evaluate(now)]);
    expect(t.mailsTo(t.owner)).toHaveLength(1);
    expect(await db.alertCondition.count({ where: { tenantId: t.tenant.id } })).toBe(1);
    await db.syncItem.updateMany({ where: { tenantId: t.tenant.id }, data: { state: "DONE" } });
    const later = new Date(now.getTime() + 60_000);
    await Promise.all([t.evaluate(later), t.evaluate(later)]);
    expect(subjects(t.mailsTo(t.owner))).toHaveLength(2);
  });

  it("reach the webhook signed, and a delivery that fails is retried until it gets through", async () => {
    const t = await alertTenant("alert-hook");
    const actor = await resolveTenantAccess(t.users.OWNER.id, t.tenant.slug, "ADMIN");
    const { secret } = await saveWebhook(actor, { url: receiverUrl, rotateSecret: false });
    await db.syncItem.create({ data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "99", state: "FAILED" } });
    await t.evaluate();

    const [job] = await boss.fetch<unknown>(ALERT_WEBHOOK_QUEUE);
    expect(job?.data).toMatchObject({ tenantId: t.tenant.id, notice: "started", number: 1 });
    // The receiver is down: the handler throws, so pg-boss retries the job with backoff.
    webhookStatus = 503;
    await expect(handleDeliverWebhookJob(job!)).rejects.toMatchObject({ code: "REMOTE_UNAVAILABLE" });
    webhookStatus = 200;
    await expect(handleDeliverWebhookJob(job!)).resolves.toMatchObject({ delivered: true, status: 200 });
    await boss.complete(ALERT_WEBHOOK_QUEUE, job!.id);

    const delivered = webhookCalls.at(-1)!;
    expect(verifyWebhookSignature(secret!, delivered.body, String(delivered.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
    expect(verifyWebhookSignature("whsec_wrong", delivered.body, String(delivered.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(false);
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: "alert.started",
      tenant: { slug: t.tenant.slug },
      alert: { kind: "RECORDS_FAILED", key: "ORDER_EXPORT", detail: { count: 1 } },
    });
    const lines = await db.logEntry.findMany({ where: { tenantId: t.tenant.id }, orderBy: { id: "asc" } });
    expect(lines.map((line) => [line.code, line.message])).toEqual([
      ["webhookFailed", expect.stringMatching(/^Alert webhook not delivered: .* It is tried again later\.$/)],
      ["webhookDelivered", "Alert webhook delivered (alert started: records failed; HTTP 200)."],
    ]);
  });

  it("never reach an address the outbound guard refuses, and are not retried then", async () => {
    const t = await alertTenant("alert-hook-ssrf");
    const actor = await resolveTenantAccess(t.users.OWNER.id, t.tenant.slug, "ADMIN");
    const before = webhookCalls.length;
    // Same host as the receiver, another port: not on the allowed list.
    await saveWebhook(actor, { url: "http://127.0.0.1:65533/hooks", rotateSecret: false });
    await db.syncItem.create({ data: { tenantId: t.tenant.id, module: "ORDER_EXPORT", externalId: "66", state: "FAILED" } });
    await t.evaluate();
    const jobs = await boss.fetch<{ tenantId: string }>(ALERT_WEBHOOK_QUEUE, { batchSize: 10 });
    const job = jobs.find((candidate) => candidate.data.tenantId === t.tenant.id)!;
    await expect(handleDeliverWebhookJob(job)).resolves.toMatchObject({ delivered: false });
    expect(webhookCalls.length).toBe(before);
    const line = await db.logEntry.findFirstOrThrow({ where: { tenantId: t.tenant.id, code: "webhookFailed" } });
    expect(line).toMatchObject({ context: { code: "REMOTE_ADDRESS_REFUSED" }, params: { retrying: false, error: { code: "REMOTE_ADDRESS_REFUSED" } } });
    expect(line.message).not.toContain("tried again");
  });
});
