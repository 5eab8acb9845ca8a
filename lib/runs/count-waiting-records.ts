/**
 * How many records wait for a fix (FAILED for a configuration reason, tried again automatically
 * once what they wait for changes: lib/sync/engine/waiting-for.ts), per module and what they wait
 * for (the stored key: the page words it). Shown on the runs page.
 */
import { db } from "../db";

export async function countWaitingRecords(tenantId: string) {
  const rows = await db.syncItem.groupBy({
    by: ["module", "waitingFor"],
    where: { tenantId, state: "FAILED", waitingFor: { not: null } },
    _count: { _all: true },
  });
  const byModule = new Map<string, { module: string; count: number; reasons: { waitingFor: string; count: number }[] }>();
  for (const row of rows) {
    const entry = byModule.get(row.module) ?? { module: row.module, count: 0, reasons: [] };
    entry.count += row._count._all;
    const reason = row.waitingFor!;
    const existing = entry.reasons.find((candidate) => candidate.waitingFor === reason);
    if (existing) existing.count += row._count._all;
    else entry.reasons.push({ waitingFor: reason, count: row._count._all });
    byModule.set(row.module, entry);
  }
  const modules = [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module));
  return { total: modules.reduce((sum, entry) => sum + entry.count, 0), byModule: modules };
}
