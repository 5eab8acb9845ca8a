/**
 * Sends one claimed alert notice (evaluate-alerts.ts): an e-mail to each recipient in their
 * language (alert-recipients.ts; every e-mail is kept in the tenant's outbox), and, when the tenant
 * has a webhook, a delivery job (webhook/deliver-webhook.ts) that pg-boss retries with backoff.
 */
import type PgBoss from "pg-boss";
import type { AlertCondition } from "../db";
import { appUrl } from "../env";
import { db } from "../db";
import { webBoss } from "../jobs/boss";
import { sendEmail } from "../notify/send-email";
import { alertEmail } from "./alert-email";
import { alertRecipients } from "./alert-recipients";
import { ALERT_WEBHOOK_QUEUE } from "../jobs/queues";
import type { WebhookJob } from "./webhook/deliver-webhook";

export type AlertNoticeKind = "started" | "reminder" | "resolved";

export async function sendAlertNotice(input: { condition: AlertCondition; notice: AlertNoticeKind; number: number; boss?: PgBoss }): Promise<void> {
  const { condition, notice, number } = input;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: condition.tenantId }, select: { slug: true, name: true, settings: { select: { webhookUrl: true, alertReminderHours: true } } } });
  const recipients = await alertRecipients(condition.tenantId);
  const email = alertEmail({ condition, notice, tenantName: tenant.name, reminderHours: tenant.settings?.alertReminderHours ?? 0, dashboardUrl: `${appUrl()}/${tenant.slug}` });
  await sendEmail({
    tenantId: condition.tenantId,
    dedupeKey: `alert:${condition.id}:${notice}:${number}`,
    recipients: recipients.map((recipient) => recipient.email),
    subject: email.subject,
    body: email.body,
  });
  if (tenant.settings?.webhookUrl) {
    const job: WebhookJob = { tenantId: condition.tenantId, conditionId: condition.id, notice, number };
    await (input.boss ?? (await webBoss())).send(ALERT_WEBHOOK_QUEUE, job);
  }
}
