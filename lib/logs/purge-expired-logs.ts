/** Deletes run log rows past their expiry or the tenant's retention now in force, or all while logging is off. */
import { purgeLogEntries } from "../privacy/purge-personal-data";

export async function purgeExpiredLogs(now = new Date()): Promise<number> {
  return purgeLogEntries({ now, tenantId: null, everything: false });
}
