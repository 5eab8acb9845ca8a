/** Hourly: delete expired log rows (GDPR retention), and spent login counters and account links. */
import { purgeSpentAccountTokens } from "@/lib/accounts/account-tokens";
import { purgeLoginThrottles } from "@/lib/auth/login-throttle";
import { purgeExpiredLogs } from "@/lib/logs/purge-expired-logs";
import { recordLogsPurged } from "@/lib/metrics/metrics";

export async function handlePurgeLogsJob() {
  const deleted = await purgeExpiredLogs();
  recordLogsPurged(deleted);
  return { deleted, loginThrottles: await purgeLoginThrottles(), accountTokens: await purgeSpentAccountTokens() };
}
