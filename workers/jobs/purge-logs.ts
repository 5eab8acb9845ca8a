/**
 * Hourly: personal data past its retention (lib/privacy/purge-personal-data.ts: run logs, error
 * texts, outbox, audit details, ended alerts ...), runs past their retention summed up and deleted
 * (lib/runs/purge-old-runs.ts), and spent login counters and account links.
 */
import { purgeSpentAccountTokens } from "@/lib/accounts/account-tokens";
import { purgeLoginThrottles } from "@/lib/auth/login-throttle";
import { recordLogsPurged } from "@/lib/metrics/metrics";
import { purgePersonalData } from "@/lib/privacy/purge-personal-data";
import { purgeOldRuns } from "@/lib/runs/purge-old-runs";

export async function handlePurgeLogsJob() {
  const purged = await purgePersonalData();
  recordLogsPurged(purged.logEntries ?? 0);
  return { ...purged, runs: await purgeOldRuns(), loginThrottles: await purgeLoginThrottles(), accountTokens: await purgeSpentAccountTokens() };
}
