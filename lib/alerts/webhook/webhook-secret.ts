/** The alert webhook's signing secret at rest: encrypted like connection secrets, bound to its tenant and this kind. */
import { decryptSecret, encryptSecret } from "../../crypto";

export const WEBHOOK_SECRET_KIND = "WEBHOOK";

export function encryptWebhookSecret(tenantId: string, secret: string): string {
  return encryptSecret(secret, { tenantId, kind: WEBHOOK_SECRET_KIND });
}

export function decryptWebhookSecret(tenantId: string, stored: string): string {
  return decryptSecret(stored, { tenantId, kind: WEBHOOK_SECRET_KIND });
}
