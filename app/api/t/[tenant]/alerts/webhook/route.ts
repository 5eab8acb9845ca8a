import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { SaveWebhookSchema } from "@/lib/alerts/webhook/save-webhook.schema";
import { getWebhook, saveWebhook } from "@/lib/alerts/webhook/save-webhook";

/** GET: the webhook URL and its signing secret (admins verify deliveries with it). */
export const GET = guardRoute({ role: "ADMIN" }, (ctx) => getWebhook(ctx.tenant.id));

/** PUT { url | null, rotateSecret? }: set, change or switch off the webhook. */
export const PUT = guardRoute({ role: "ADMIN" }, async (ctx, request) => saveWebhook(ctx, await readJsonBody(request, SaveWebhookSchema, "webhook")));
