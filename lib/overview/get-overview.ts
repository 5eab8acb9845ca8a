/**
 * What the overview page shows: connection health; per module the last finished run, the run in
 * progress (with progress and an estimated time left), the next scheduled run and the failing
 * records; records synced per hour for the chart; workers online.
 */
import { db } from "../db";
import { SYNC_MODULES, type ModuleId } from "../sync/modules";
import { getConnectionHealth } from "./connection-health";
import { getHourlyThroughput } from "./hourly-throughput";

type RunProgress = { processed: number; total: number | null; percent: number | null; etaSeconds: number | null };

/** Progress of a running import, with the time left extrapolated from the rate so far. */
export function progressOf(run: { processed: number; total: number | null; startedAt: Date | null }, now = Date.now()): RunProgress {
  const { processed, total } = run;
  const percent = total && total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : null;
  const elapsed = run.startedAt ? (now - run.startedAt.getTime()) / 1000 : 0;
  const etaSeconds = total && processed > 0 && elapsed > 0 ? Math.max(0, Math.round(((total - processed) * elapsed) / processed)) : null;
  return { processed, total, percent, etaSeconds };
}

async function moduleStatus(tenantId: string, module: ModuleId) {
  const [lastFinished, active, failingRecords] = await Promise.all([
    db.syncRun.findFirst({ where: { tenantId, module, finishedAt: { not: null }, dryRun: false }, orderBy: { finishedAt: "desc" } }),
    db.syncRun.findFirst({ where: { tenantId, module, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { queuedAt: "desc" } }),
    db.syncItem.count({ where: { tenantId, module, state: "FAILED" } }),
  ]);
  return { lastFinished, active, failingRecords };
}

export async function getOverview(tenantId: string, now = new Date()) {
  const [connections, settings, lastQueued, perModule, hourly, workers] = await Promise.all([
    getConnectionHealth(tenantId),
    db.settings.findUnique({ where: { tenantId }, select: { schedules: true } }),
    db.syncRun.groupBy({ by: ["module"], where: { tenantId, dryRun: false }, _max: { queuedAt: true } }),
    Promise.all(SYNC_MODULES.ids.map((module) => moduleStatus(tenantId, module))),
    getHourlyThroughput(tenantId, { hours: 72, now }),
    db.workerHeartbeat.count({ where: { lastSeenAt: { gte: new Date(now.getTime() - 60_000) } } }),
  ]);
  const parsedSchedules = SYNC_MODULES.schedulesSchema.safeParse(settings?.schedules);
  const schedules = parsedSchedules.success ? parsedSchedules.data : SYNC_MODULES.defaultSchedules;
  const lastQueuedAt = new Map(lastQueued.map((row) => [row.module, row._max.queuedAt]));
  const modules = SYNC_MODULES.ids.map((module, index) => {
    const { lastFinished, active, failingRecords } = perModule[index]!;
    const schedule = schedules[module];
    const last = lastQueuedAt.get(module);
    // Mirrors findDueModules: due when the interval has passed since the last queued run.
    const nextRunAt = !schedule.enabled ? null : last ? new Date(Math.max(now.getTime(), last.getTime() + schedule.intervalMinutes * 60_000)) : now;
    return {
      module,
      schedule,
      nextRunAt,
      lastRun: lastFinished,
      activeRun: active ? { ...active, progress: progressOf(active, now.getTime()) } : null,
      failingRecords,
    };
  });
  return {
    connections,
    modules,
    hourly,
    workersOnline: workers,
    active: modules.some((module) => module.activeRun !== null),
  };
}
