/** Every few minutes: which alert conditions hold, and the notices that are due (lib/alerts/evaluate-alerts.ts). */
import type PgBoss from "pg-boss";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";

export async function handleEvaluateAlertsJob(boss: PgBoss) {
  return evaluateAlerts({ boss });
}
