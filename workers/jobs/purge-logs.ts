/** Hourly: delete expired log rows (GDPR retention), and spent login counters and account links. */
import { purgeSpentAccountTokens } from "@/lib/accounts/account-tokens";
import { purgeLoginThrottles } from "@/lib/auth/login-throttle";
import { purgeExpiredLogs } from "@/lib/logs/purge-expired-logs";

export async function handlePurgeLogsJob() {
  return { deleted: await purgeExpiredLogs(), loginThrottles: await purgeLoginThrottles(), accountTokens: await purgeSpentAccountTokens() };
}
