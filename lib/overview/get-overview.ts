/**
 * What the overview page shows: the open alert conditions (at the top, with what to do); connection health; per module the last finished run, the run in
 * progress (with progress and an estimated time left), the next scheduled run and the failing
 * records; records synced per hour for the chart; workers online.
 */
import { listOpenAlerts } from "../alerts/list-open-alerts";
import { db } from "../db";
import { SYNC_MODULES } from "../sync/modules";
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

/**
 * Per module: the last finished run, the run queued or running, the records that failed. Six
 * queries whatever the number of modules (the overview is polled every few seconds while a run is
 * active): the runs in progress and the failed records of all modules at once.
 */
async function moduleStatuses(tenantId: string) {
  const [lastFinished, inProgress, failing] = await Promise.all([
    Promise.all(
      SYNC_MODULES.ids.map((module) =>
        db.syncRun.findFirst({ where: { tenantId, module, finishedAt: { not: null }, dryRun: false }, orderBy: { finishedAt: "desc" } }),
      ),
    ),
    // Runs not finished yet: a few rows, however long the history.
    db.syncRun.findMany({ where: { tenantId, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { queuedAt: "desc" } }),
    db.syncItem.groupBy({ by: ["module"], where: { tenantId, state: "FAILED" }, _count: { _all: true } }),
  ]);
  const failingByModule = new Map(failing.map((row) => [row.module, row._count._all]));
  return SYNC_MODULES.ids.map((module, index) => ({
    lastFinished: lastFinished[index] ?? null,
    active: inProgress.find((run) => run.module === module) ?? null,
    failingRecords: failingByModule.get(module) ?? 0,
  }));
}

export async function getOverview(tenantId: string, now = new Date()) {
  const [alerts, connections, settings, lastQueued, perModule, hourly, workers] = await Promise.all([
    listOpenAlerts(tenantId),
    getConnectionHealth(tenantId),
    db.settings.findUnique({ where: { tenantId }, select: { schedules: true } }),
    db.syncRun.groupBy({ by: ["module"], where: { tenantId, dryRun: false }, _max: { queuedAt: true } }),
    moduleStatuses(tenantId),
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
    alerts,
    connections,
    modules,
    hourly,
    workersOnline: workers,
    active: modules.some((module) => module.activeRun !== null),
  };
}
