/** Hourly: delete expired log rows (GDPR retention). */
import { purgeExpiredLogs } from "@/lib/logs/purge-expired-logs";

export async function handlePurgeLogsJob() {
  return { deleted: await purgeExpiredLogs() };
}
