/**
 * Hourly: delete expired log rows (GDPR retention), sum up and delete runs past their retention,
 * and delete spent login counters and account links.
 */
import { purgeSpentAccountTokens } from "@/lib/accounts/account-tokens";
import { purgeLoginThrottles } from "@/lib/auth/login-throttle";
import { purgeExpiredLogs } from "@/lib/logs/purge-expired-logs";
import { recordLogsPurged } from "@/lib/metrics/metrics";
import { purgeOldRuns } from "@/lib/runs/purge-old-runs";

export async function handlePurgeLogsJob() {
  const deleted = await purgeExpiredLogs();
  recordLogsPurged(deleted);
  return { deleted, runs: await purgeOldRuns(), loginThrottles: await purgeLoginThrottles(), accountTokens: await purgeSpentAccountTokens() };
}
