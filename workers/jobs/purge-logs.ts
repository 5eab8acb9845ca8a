/** Hourly: delete expired log rows (GDPR retention). */
import { purgeExpiredLogs } from "@/lib/logs/purge-expired-logs";
import { recordLogsPurged } from "@/lib/metrics/metrics";

export async function handlePurgeLogsJob() {
  const deleted = await purgeExpiredLogs();
  recordLogsPurged(deleted);
  return { deleted };
}
