/**
 * Which tenant modules are due, from each tenant's schedules and its last run. One query for all
 * tenants, so the per-minute tick stays cheap with thousands of tenants.
 */
import { db } from "../../db";
import { SchedulesSchema, SYNC_MODULES, type SyncModuleName } from "../../settings/defaults";

export async function findDueModules(now = new Date()): Promise<{ tenantId: string; module: SyncModuleName }[]> {
  const [settings, lastRuns, connections] = await Promise.all([
    db.settings.findMany({ select: { tenantId: true, schedules: true } }),
    db.syncRun.groupBy({ by: ["tenantId", "module"], _max: { queuedAt: true } }),
    db.connection.groupBy({ by: ["tenantId"], where: { encryptedSecret: { not: null } }, _count: { _all: true } }),
  ]);
  const lastRunAt = new Map(lastRuns.map((row) => [`${row.tenantId}:${row.module}`, row._max.queuedAt]));
  // Both connections must be set up; otherwise every tick would log the same configuration error.
  const connected = new Set(connections.filter((row) => row._count._all >= 2).map((row) => row.tenantId));

  const due: { tenantId: string; module: SyncModuleName }[] = [];
  for (const row of settings) {
    if (!connected.has(row.tenantId)) continue;
    const schedules = SchedulesSchema.safeParse(row.schedules);
    if (!schedules.success) continue;
    for (const module of SYNC_MODULES) {
      const schedule = schedules.data[module];
      if (!schedule.enabled) continue;
      const last = lastRunAt.get(`${row.tenantId}:${module}`);
      if (!last || now.getTime() - last.getTime() >= schedule.intervalMinutes * 60_000) {
        due.push({ tenantId: row.tenantId, module });
      }
    }
  }
  return due;
}
