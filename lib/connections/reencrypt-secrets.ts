/**
 * Re-encrypts every stored connection secret with the current key (APP_ENCRYPTION_KEY), bound to
 * its tenant and kind: the second step of a key rotation, and the migration of secrets stored
 * before key ids and bindings existed. Idempotent; a row that changed since it was read (someone
 * saved a new secret meanwhile) is left alone, since it is already current.
 */
import { configuredKeys, decryptWithKeys, encryptWithKeys, needsReencryption, type Keyring } from "../crypto";
import { db } from "../db";

export type ReencryptSummary = { checked: number; reencrypted: number; alreadyCurrent: number; failed: { tenantId: string; kind: string; reason: string }[] };

export async function reencryptSecrets(keys: Keyring = configuredKeys()): Promise<ReencryptSummary> {
  const summary: ReencryptSummary = { checked: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  const rows = await db.connection.findMany({ where: { encryptedSecret: { not: null } }, select: { id: true, tenantId: true, kind: true, encryptedSecret: true } });
  for (const row of rows) {
    summary.checked += 1;
    const payload = row.encryptedSecret!;
    if (!needsReencryption(payload, keys)) {
      summary.alreadyCurrent += 1;
      continue;
    }
    const binding = { tenantId: row.tenantId, kind: row.kind };
    try {
      const fresh = encryptWithKeys(decryptWithKeys(payload, binding, keys), binding, keys);
      const updated = await db.connection.updateMany({ where: { id: row.id, encryptedSecret: payload }, data: { encryptedSecret: fresh } });
      if (updated.count === 1) summary.reencrypted += 1;
      else summary.alreadyCurrent += 1;
    } catch (error) {
      summary.failed.push({ ...binding, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}
