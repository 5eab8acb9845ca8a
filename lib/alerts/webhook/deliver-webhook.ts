/**
 * Delivers one alert notice to the tenant's webhook: JSON, signed (sign-webhook.ts), POSTed through
 * the one HTTP client and so through the outbound guard (the URL is tenant-typed; docs/security.md).
 * Runs as a pg-boss job (ALERT_WEBHOOK_QUEUE, lib/jobs/queues.ts): a delivery that fails transiently (timeout, 5xx,
 * 429, network) is thrown, so pg-boss retries it with growing delays; one the tenant must fix (an
 * address the guard refuses, a 4xx) is not retried. Each outcome goes to the tenant's log.
 *
 * The body is built when it is sent, from the condition as it is then: the job payload names only
 * ids, so no text of the alert waits in the queue.
 */
import { z } from "zod";
import { appUrl } from "../../env";
import { db, type AlertCondition } from "../../db";
import { quoteError, toAppError } from "../../errors";
import { HttpClient } from "../../http/client";
import { logLine } from "../../logs/log-line";
import { createRunLogger } from "../../logs/write-log";
import { SIGNATURE_HEADER, EVENT_ID_HEADER, signWebhook } from "./sign-webhook";
import { decryptWebhookSecret } from "./webhook-secret";

export const AlertNoticeKindSchema = z.enum(["started", "reminder", "resolved"]);

export const WebhookJobSchema = z.object({
  tenantId: z.uuid(),
  conditionId: z.uuid(),
  notice: AlertNoticeKindSchema,
  number: z.number().int().min(0),
});
export type WebhookJob = z.output<typeof WebhookJobSchema>;

/** The JSON a receiver gets (docs/alerts.md lists every field). */
export function webhookBody(job: WebhookJob, condition: AlertCondition, tenant: { slug: string; name: string }) {
  return {
    id: eventIdOf(job),
    type: `alert.${job.notice}`,
    createdAt: new Date().toISOString(),
    tenant: { slug: tenant.slug, name: tenant.name },
    alert: {
      id: condition.id,
      kind: condition.kind,
      key: condition.key,
      detail: condition.detail,
      startedAt: condition.startedAt.toISOString(),
      resolvedAt: condition.resolvedAt?.toISOString() ?? null,
    },
    dashboardUrl: `${appUrl()}/${tenant.slug}`,
  };
}

function eventIdOf(job: WebhookJob): string {
  return `${job.conditionId}:${job.notice}:${job.number}`;
}

export type DeliveryOutcome = { delivered: true; status: number } | { delivered: false; reason: string };

export async function deliverWebhook(job: WebhookJob): Promise<DeliveryOutcome> {
  const condition = await db.alertCondition.findFirst({
    where: { id: job.conditionId, tenantId: job.tenantId, tenant: { deletionRequestedAt: null } },
    include: {
      tenant: { select: { slug: true, name: true, settings: { select: { webhookUrl: true, webhookSecret: true, storeLogs: true, logRetentionDays: true } } } },
    },
  });
  const settings = condition?.tenant.settings;
  if (!condition || !settings?.webhookUrl || !settings.webhookSecret) return { delivered: false, reason: "no webhook or no such alert any more" };
  const log = createRunLogger({ tenantId: job.tenantId, storeLogs: settings.storeLogs, retentionDays: settings.logRetentionDays });

  const body = webhookBody(job, condition, condition.tenant);
  const signature = signWebhook(decryptWebhookSecret(job.tenantId, settings.webhookSecret), JSON.stringify(body));
  const client = new HttpClient({ tenantId: job.tenantId, maxAttempts: 1, timeoutMs: 10_000, deadlineMs: 20_000 }, "webhook", "the alert webhook");
  try {
    // The client sends JSON.stringify(json): exactly the text that was signed.
    const response = await client.send({
      method: "POST",
      url: settings.webhookUrl,
      json: body,
      headers: { [SIGNATURE_HEADER]: signature, [EVENT_ID_HEADER]: body.id },
      maxBytes: 64 * 1024,
    });
    log.info(logLine("webhookDelivered", { notice: job.notice, kind: condition.kind, status: response.status }));
    return { delivered: true, status: response.status };
  } catch (caught) {
    const error = toAppError(caught);
    log.warn(logLine("webhookFailed", { error: quoteError(error), retrying: error.retryable }), { code: error.code });
    if (error.retryable) throw error;
    return { delivered: false, reason: error.message };
  } finally {
    await log.flush();
  }
}
