/**
 * Re-encrypts every stored secret with the current key (APP_ENCRYPTION_KEY), bound to its tenant
 * and kind: connection secrets, and the alert webhooks' signing secrets (kind WEBHOOK). The second
 * step of a key rotation, and the migration of secrets stored before key ids and bindings existed.
 * Idempotent; a row that changed since it was read (someone saved a new secret meanwhile) is left
 * alone, since it is already current.
 */
import { WEBHOOK_SECRET_KIND } from "../alerts/webhook/webhook-secret";
import { configuredKeys, decryptWithKeys, encryptWithKeys, needsReencryption, type Keyring } from "../crypto";
import { db } from "../db";

export type ReencryptSummary = { checked: number; reencrypted: number; alreadyCurrent: number; failed: { tenantId: string; kind: string; reason: string }[] };

type StoredSecret = { tenantId: string; kind: string; payload: string; replace(fresh: string): Promise<boolean> };

export async function reencryptSecrets(keys: Keyring = configuredKeys()): Promise<ReencryptSummary> {
  const summary: ReencryptSummary = { checked: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  const connections = await db.connection.findMany({
    where: { encryptedSecret: { not: null } },
    select: { id: true, tenantId: true, kind: true, encryptedSecret: true },
  });
  const webhooks = await db.settings.findMany({ where: { webhookSecret: { not: null } }, select: { tenantId: true, webhookSecret: true } });
  const secrets: StoredSecret[] = [
    ...connections.map((row) => ({
      tenantId: row.tenantId,
      kind: row.kind as string,
      payload: row.encryptedSecret!,
      replace: async (fresh: string) =>
        (await db.connection.updateMany({ where: { id: row.id, encryptedSecret: row.encryptedSecret }, data: { encryptedSecret: fresh } })).count === 1,
    })),
    ...webhooks.map((row) => ({
      tenantId: row.tenantId,
      kind: WEBHOOK_SECRET_KIND,
      payload: row.webhookSecret!,
      replace: async (fresh: string) =>
        (await db.settings.updateMany({ where: { tenantId: row.tenantId, webhookSecret: row.webhookSecret }, data: { webhookSecret: fresh } })).count === 1,
    })),
  ];
  for (const secret of secrets) {
    summary.checked += 1;
    if (!needsReencryption(secret.payload, keys)) {
      summary.alreadyCurrent += 1;
      continue;
    }
    const binding = { tenantId: secret.tenantId, kind: secret.kind };
    try {
      if (await secret.replace(encryptWithKeys(decryptWithKeys(secret.payload, binding, keys), binding, keys))) summary.reencrypted += 1;
      else summary.alreadyCurrent += 1;
    } catch (error) {
      summary.failed.push({ ...binding, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}
