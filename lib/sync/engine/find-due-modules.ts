/**
 * Which tenant modules are due, from each tenant's schedules and its last run, skipping those whose
 * prerequisites fail (otherwise every tick would log the same configuration error). A few queries
 * for all tenants together, so the per-minute tick stays cheap with thousands of tenants.
 */
import { db } from "../../db";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";
import { unmetPrerequisites } from "./prerequisites";

export async function findDueModules(now = new Date(), registry: ModuleRegistry = SYNC_MODULES): Promise<{ tenantId: string; module: string }[]> {
  const [settings, lastRuns] = await Promise.all([
    db.settings.findMany({ select: { tenantId: true, schedules: true } }),
    // A dry run is not a run of the schedule: it neither delays nor replaces the next one.
    db.syncRun.groupBy({ by: ["tenantId", "module"], where: { dryRun: false }, _max: { queuedAt: true } }),
  ]);
  const lastRunAt = new Map(lastRuns.map((row) => [`${row.tenantId}:${row.module}`, row._max.queuedAt]));
  const unmet = await unmetPrerequisites(registry.modules.flatMap((module) => module.prerequisites), settings.map((row) => row.tenantId));

  const due: { tenantId: string; module: string }[] = [];
  for (const row of settings) {
    const schedules = registry.schedulesSchema.safeParse(row.schedules);
    if (!schedules.success) continue;
    for (const module of registry.modules) {
      const schedule = (schedules.data as Record<string, { enabled: boolean; intervalMinutes: number }>)[module.id]!;
      if (!schedule.enabled) continue;
      if (module.prerequisites.some((prerequisite) => unmet.get(prerequisite.id)?.has(row.tenantId))) continue;
      const last = lastRunAt.get(`${row.tenantId}:${module.id}`);
      if (!last || now.getTime() - last.getTime() >= schedule.intervalMinutes * 60_000) {
        due.push({ tenantId: row.tenantId, module: module.id });
      }
    }
  }
  return due;
}
