/**
 * Which tenant modules are due: the ModuleSchedule rows whose next run has come (one index range
 * scan, however many tenants and runs there are), after bringing the rows of tenants whose
 * settings changed in step (module-schedules.ts). Those whose prerequisites fail are skipped
 * (otherwise every tick would log the same configuration error) and looked at again on the next
 * tick, behind the rows due before them, so they start as soon as the tenant fixes them and never
 * crowd out the others.
 */
import { db } from "../../db";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";
import { postponeNextRuns, syncModuleSchedules } from "./module-schedules";
import { unmetPrerequisites } from "./prerequisites";

/** Due rows taken per tick at most (the oldest first); the rest are taken by the next ticks. */
export const MAX_DUE_PER_TICK = 10_000;

export async function findDueModules(now = new Date(), registry: ModuleRegistry = SYNC_MODULES): Promise<{ tenantId: string; module: string }[]> {
  await syncModuleSchedules(now, registry);
  const rows = await db.moduleSchedule.findMany({
    where: { enabled: true, nextRunAt: { lte: now }, module: { in: [...registry.ids] } },
    select: { tenantId: true, module: true },
    orderBy: { nextRunAt: "asc" },
    take: MAX_DUE_PER_TICK,
  });
  if (!rows.length) return [];
  const unmet = await unmetPrerequisites(
    registry.modules.flatMap((module) => module.prerequisites),
    [...new Set(rows.map((row) => row.tenantId))],
  );
  const blocked = (row: (typeof rows)[number]) => registry.get(row.module).prerequisites.some((prerequisite) => unmet.get(prerequisite.id)?.has(row.tenantId));
  await postponeNextRuns(rows.filter(blocked), new Date(now.getTime() + 60_000));
  return rows.filter((row) => !blocked(row));
}
