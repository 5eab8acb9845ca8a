/**
 * The tenant's alert webhook (ADMIN): its URL, and the secret the deliveries are signed with. The
 * URL is tenant-typed, so it is stored normalised (url-field.ts) and every delivery goes through the
 * outbound guard (deliver-webhook.ts). The secret is made here, encrypted at rest, and shown to
 * admins so they can verify deliveries; rotating it is audited, its value never is.
 */
import { recordAudit, type AuditActor } from "../../audit/record-audit";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { SaveWebhookInput } from "./save-webhook.schema";
import { newWebhookSecret } from "./sign-webhook";
import { decryptWebhookSecret, encryptWebhookSecret } from "./webhook-secret";

export type WebhookSettings = { url: string | null; secret: string | null };

export async function getWebhook(tenantId: string): Promise<WebhookSettings> {
  const row = await db.settings.findUnique({ where: { tenantId }, select: { webhookUrl: true, webhookSecret: true } });
  if (!row) throw new AppError("NOT_FOUND", "This shop has no settings yet.", { params: { variant: "settings" } });
  return { url: row.webhookUrl, secret: row.webhookSecret ? decryptWebhookSecret(tenantId, row.webhookSecret) : null };
}

export async function saveWebhook(actor: AuditActor, input: SaveWebhookInput): Promise<WebhookSettings> {
  const tenantId = actor.tenant.id;
  const before = await getWebhook(tenantId);
  // A URL needs a secret; switching the webhook off forgets it, so an old receiver cannot be fooled later.
  const secret = input.url === null ? null : input.rotateSecret || !before.secret ? newWebhookSecret() : before.secret;
  await db.$transaction(async (tx) => {
    await tx.settings.update({ where: { tenantId }, data: { webhookUrl: input.url, webhookSecret: secret ? encryptWebhookSecret(tenantId, secret) : null } });
    await recordAudit(actor, "settings.webhook", "webhook", { url: { from: before.url, to: input.url }, secretChanged: secret !== before.secret }, tx);
  });
  return { url: input.url, secret };
}
