/**
 * One alert webhook delivery (lib/alerts/webhook/deliver-webhook.ts). Name: alert-webhook. Payload:
 * { tenantId, conditionId, notice, number }, zod-checked. A transient failure is rethrown, so
 * pg-boss retries it with backoff.
 */
import type PgBoss from "pg-boss";
import { deliverWebhook, WebhookJobSchema } from "@/lib/alerts/webhook/deliver-webhook";
import { addLogContext } from "@/lib/logger";
import { parseOrThrow } from "@/lib/validation";
import { completeUnlessTransient } from "./complete-unless-transient";

export function handleDeliverWebhookJob(job: Pick<PgBoss.Job<unknown>, "data">) {
  return completeUnlessTransient("alert webhook job", async () => {
    const payload = parseOrThrow(WebhookJobSchema, job.data, "alert webhook job", "JOB_PAYLOAD_INVALID");
    addLogContext({ tenantId: payload.tenantId });
    return deliverWebhook(payload);
  });
}
