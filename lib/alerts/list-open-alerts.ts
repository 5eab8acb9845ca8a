/** The tenant's open alert conditions, most serious first, for the top of the overview (with what to do). */
import { db, type AlertKind } from "../db";

const SEVERITY: AlertKind[] = ["CONNECTION_FAILING", "MODULE_NOT_RUNNING", "RUNS_FAILING", "ORDERS_PENDING", "RATE_LIMITED", "RECORDS_FAILED"];

export async function listOpenAlerts(tenantId: string) {
  const rows = await db.alertCondition.findMany({
    where: { tenantId, resolvedAt: null },
    select: { id: true, kind: true, key: true, detail: true, startedAt: true, lastSeenAt: true },
    orderBy: { startedAt: "asc" },
  });
  return rows.sort((a, b) => SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind));
}
