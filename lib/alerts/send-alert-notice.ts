/**
 * Sends one claimed alert notice (evaluate-alerts.ts): an e-mail to the recipients
 * (alert-recipients.ts), one per language — a member's own choice, else the tenant's e-mail
 * language (docs/i18n.md, "E-mails"); every e-mail is kept in the tenant's outbox — and, when the
 * tenant has a webhook, a delivery job (webhook/deliver-webhook.ts) that pg-boss retries with backoff.
 */
import type PgBoss from "pg-boss";
import type { AlertCondition } from "../db";
import { appUrl } from "../env";
import { db } from "../db";
import type { Locale } from "../i18n/locales";
import { emailLocale } from "../i18n/resolve-locale";
import { webBoss } from "../jobs/boss";
import { ALERT_WEBHOOK_QUEUE } from "../jobs/queues";
import { sendEmail } from "../notify/send-email";
import { alertEmail } from "./alert-email";
import { alertRecipients } from "./alert-recipients";
import type { WebhookJob } from "./webhook/deliver-webhook";

export type AlertNoticeKind = "started" | "reminder" | "resolved";

export async function sendAlertNotice(input: { condition: AlertCondition; notice: AlertNoticeKind; number: number; boss?: PgBoss }): Promise<void> {
  const { condition, notice, number } = input;
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: condition.tenantId },
    select: { slug: true, name: true, settings: { select: { webhookUrl: true, alertReminderHours: true, emailLocale: true } } },
  });
  const byLocale = new Map<Locale, string[]>();
  for (const recipient of await alertRecipients(condition.tenantId)) {
    const locale = emailLocale({ userLocale: recipient.locale, tenantLocale: tenant.settings?.emailLocale });
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), recipient.email]);
  }
  // Without anyone to tell, the notice is still kept in the outbox, in the tenant's language.
  if (!byLocale.size) byLocale.set(emailLocale({ tenantLocale: tenant.settings?.emailLocale }), []);
  for (const [locale, recipients] of byLocale) {
    const email = alertEmail(locale, {
      condition,
      notice,
      tenantName: tenant.name,
      reminderHours: tenant.settings?.alertReminderHours ?? 0,
      dashboardUrl: `${appUrl()}/${tenant.slug}`,
    });
    await sendEmail({
      tenantId: condition.tenantId,
      dedupeKey: `alert:${condition.id}:${notice}:${number}:${locale}`,
      recipients,
      subject: email.subject,
      body: email.body,
    });
  }
  if (tenant.settings?.webhookUrl) {
    const job: WebhookJob = { tenantId: condition.tenantId, conditionId: condition.id, notice, number };
    await (input.boss ?? (await webBoss())).send(ALERT_WEBHOOK_QUEUE, job);
  }
}
