/** Deletes log rows past their expiresAt (set from the tenant's retention when written). */
import { db } from "../db";

export async function purgeExpiredLogs(now = new Date()): Promise<number> {
  let total = 0;
  // In batches, so a large backlog never holds one long transaction.
  for (;;) {
    const deleted = await db.$executeRaw`
      delete from "LogEntry" where id in (select id from "LogEntry" where "expiresAt" < ${now} limit 10000)`;
    total += deleted;
    if (deleted < 10_000) return total;
  }
}
