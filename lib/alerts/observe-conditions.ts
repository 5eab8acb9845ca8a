/**
 * Which alert conditions hold right now, for many tenants at once (docs/alerts.md): a few grouped
 * queries, so the periodic evaluation stays cheap with thousands of tenants. Pure observation: the
 * state (opened, reminded, resolved) is kept by evaluate-alerts.ts.
 *
 *  - CONNECTION_FAILING (key: CSCART | VISMA): a connection's last check or run said FAILING, while
 *    the tenant has a module switched on (a tenant still setting up is not alerted).
 *  - RUNS_FAILING (key: module): its last N finished runs all FAILED (N = Settings.alertFailedRuns).
 *    RATE_LIMITED runs neither count nor break the streak: they are not failures.
 *  - ORDERS_PENDING (key: order export): orders first seen more than X hours ago (Settings.
 *    alertPendingOrderHours) and still not in Visma.net.
 *  - MODULE_NOT_RUNNING (key: module): an enabled module has not started a run for 3 × its interval
 *    (workers down or stuck), unless a rate limit explains the wait.
 *  - RECORDS_FAILED (key: module): records that failed for good and wait for a person.
 *  - RATE_LIMITED (key: module): the module has been held back by a rate limit, run after run, for
 *    LONG_RATE_LIMIT_MS or more, and the limit has not long ended (RATE_LIMIT_GRACE_MS).
 */
import { db, type AlertKind, type RunStatus } from "../db";
import { env } from "../env";
import type { ErrorParams } from "../errors";
import { asErrorParams } from "../i18n/translate-error";
import { settingsFromRow } from "../settings/defaults";
import { unmetPrerequisites } from "../sync/engine/prerequisites";
import { SYNC_MODULES } from "../sync/modules";
import { orderExport } from "../sync/modules/order-export/definition";

/** A rate limit is worth an alert once it has held a module back this long. */
export const LONG_RATE_LIMIT_MS = 30 * 60_000;
/**
 * After its "not before" a rate limit still counts this long: the module's next run needs a moment
 * to start, and a budget spent again at once (an hourly limit) must not end and restart the alert.
 */
export const RATE_LIMIT_GRACE_MS = 15 * 60_000;
/** An enabled module without a run for this many of its intervals is not running. */
export const MISSED_INTERVALS = 3;
/** Runs looked at per module: the longest "failed N in a row" a tenant may set. */
export const RUNS_LOOKED_AT = 10;

/** Message params of a condition: JSON-safe values the e-mails, the webhook and the overview word. */
export type ConditionDetail = Record<string, string | number | null | ErrorParams>;

export type ObservedCondition = { tenantId: string; kind: AlertKind; key: string; detail: ConditionDetail };

type RecentRun = {
  tenantId: string;
  module: string;
  status: RunStatus;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  rateLimitedUntil: Date | null;
  error: string | null;
  errorCode: string | null;
  errorParams: unknown;
};

export async function observeConditions(options: { now?: Date; tenantIds?: readonly string[] } = {}): Promise<ObservedCondition[]> {
  const now = options.now ?? new Date();
  const settings = await db.settings.findMany({
    where: { tenant: { deletionRequestedAt: null }, ...(options.tenantIds ? { tenantId: { in: [...options.tenantIds] } } : {}) },
  });
  if (!settings.length) return [];
  const tenantIds = settings.map((row) => row.tenantId);
  const parsed = new Map(settings.map((row) => [row.tenantId, { row, settings: settingsFromRow(row) }]));
  const enabled = (tenantId: string, module: string) =>
    (parsed.get(tenantId)!.settings.schedules as Record<string, { enabled: boolean; intervalMinutes: number }>)[module];

  const [connections, runs, pendingOrders, failedRecords, unmet] = await Promise.all([
    db.connection.findMany({
      where: { tenantId: { in: tenantIds }, status: "FAILING", encryptedSecret: { not: null } },
      select: { tenantId: true, kind: true, lastError: true, lastErrorCode: true, lastErrorParams: true, lastCheckedAt: true },
    }),
    recentRuns(tenantIds, now),
    db.$queryRaw<{ tenantId: string; count: number; oldest: Date }[]>`
      select i."tenantId"::text as "tenantId", count(*)::int as count, min(i."createdAt") as oldest
      from "SyncItem" i join "Settings" s on s."tenantId" = i."tenantId"
      where i."tenantId" = any(${tenantIds}::uuid[]) and i.module = ${orderExport.id} and i.state in ('PENDING', 'CLAIMED')
        and i."createdAt" + make_interval(hours => s."alertPendingOrderHours") < ${now}
      group by i."tenantId"`,
    db.$queryRaw<{ tenantId: string; module: string; count: number; latest: Date }[]>`
      select "tenantId"::text as "tenantId", module, count(*)::int as count, max("updatedAt") as latest
      from "SyncItem" where "tenantId" = any(${tenantIds}::uuid[]) and state = 'FAILED'
      group by 1, 2`,
    unmetPrerequisites(
      SYNC_MODULES.modules.flatMap((module) => module.prerequisites),
      tenantIds,
    ),
  ]);

  const observed: ObservedCondition[] = [];
  const anyEnabled = (tenantId: string) => SYNC_MODULES.ids.some((module) => enabled(tenantId, module)?.enabled);

  for (const connection of connections) {
    if (!anyEnabled(connection.tenantId)) continue;
    observed.push({
      tenantId: connection.tenantId,
      kind: "CONNECTION_FAILING",
      key: connection.kind,
      detail: {
        connection: connection.kind,
        ...quotedError({ error: connection.lastError, errorCode: connection.lastErrorCode, errorParams: connection.lastErrorParams }),
        checkedAt: connection.lastCheckedAt?.toISOString() ?? null,
      },
    });
  }
  for (const row of pendingOrders) {
    if (!enabled(row.tenantId, orderExport.id)?.enabled) continue;
    observed.push({
      tenantId: row.tenantId,
      kind: "ORDERS_PENDING",
      key: orderExport.id,
      detail: { count: row.count, hours: parsed.get(row.tenantId)!.row.alertPendingOrderHours, oldest: row.oldest.toISOString() },
    });
  }
  for (const row of failedRecords) {
    if (!SYNC_MODULES.has(row.module)) continue;
    observed.push({
      tenantId: row.tenantId,
      kind: "RECORDS_FAILED",
      key: row.module,
      detail: { module: row.module, count: row.count, latest: row.latest.toISOString() },
    });
  }

  const runsOf = new Map<string, RecentRun[]>();
  for (const run of runs) runsOf.set(`${run.tenantId}:${run.module}`, [...(runsOf.get(`${run.tenantId}:${run.module}`) ?? []), run]);
  for (const tenantId of tenantIds) {
    const { row } = parsed.get(tenantId)!;
    for (const module of SYNC_MODULES.modules) {
      const schedule = enabled(tenantId, module.id);
      if (!schedule?.enabled) continue;
      const recent = runsOf.get(`${tenantId}:${module.id}`) ?? [];
      const rateLimit = rateLimitStreak(recent);
      const failing = failureStreak(recent, row.alertFailedRuns);
      if (failing) observed.push({ tenantId, kind: "RUNS_FAILING", key: module.id, detail: { module: module.id, ...failing } });
      if (
        rateLimit &&
        rateLimit.until.getTime() - rateLimit.since.getTime() >= LONG_RATE_LIMIT_MS &&
        rateLimit.until.getTime() + RATE_LIMIT_GRACE_MS > now.getTime()
      ) {
        observed.push({
          tenantId,
          kind: "RATE_LIMITED",
          key: module.id,
          detail: { module: module.id, since: rateLimit.since.toISOString(), until: rateLimit.until.toISOString(), ...rateLimit.error },
        });
      }
      if (module.prerequisites.some((prerequisite) => unmet.get(prerequisite.id)?.has(tenantId))) continue;
      const idleSince = notRunningSince(recent, row.updatedAt, rateLimit?.until, now);
      if (idleSince && now.getTime() - idleSince.getTime() > MISSED_INTERVALS * schedule.intervalMinutes * 60_000) {
        observed.push({
          tenantId,
          kind: "MODULE_NOT_RUNNING",
          key: module.id,
          detail: { module: module.id, since: idleSince.toISOString(), intervalMinutes: schedule.intervalMinutes },
        });
      }
    }
  }
  return observed;
}

/** The latest runs of every module of these tenants (newest first), from the run index. */
function recentRuns(tenantIds: string[], now: Date): Promise<RecentRun[]> {
  return db.$queryRaw<RecentRun[]>`
    select s."tenantId"::text as "tenantId", m.module, r.status, r."queuedAt", r."startedAt", r."finishedAt", r."rateLimitedUntil", r.error, r."errorCode", r."errorParams"
    from unnest(${tenantIds}::uuid[]) as s("tenantId")
    cross join unnest(${[...SYNC_MODULES.ids]}::text[]) as m(module)
    cross join lateral (
      select status, "queuedAt", "startedAt", "finishedAt", "rateLimitedUntil", error, "errorCode", "errorParams" from "SyncRun" r
      where r."tenantId" = s."tenantId" and r.module = m.module and r."queuedAt" <= ${now} and not r."dryRun"
      order by r."queuedAt" desc
      limit ${RUNS_LOOKED_AT}
    ) r
    order by r."queuedAt" desc`;
}

/** The error a condition quotes: its English text, and its code and params that word it in the reader's language (lib/alerts/alert-text.ts). */
function quotedError(source: { error: string | null; errorCode: string | null; errorParams: unknown }): ConditionDetail {
  const params = asErrorParams(source.errorParams);
  return { error: source.error, errorCode: source.errorCode, ...(params ? { errorParams: params } : {}) };
}

/** The last `inARow` finished runs, rate-limited ones aside, all FAILED: the latest error and since when. */
function failureStreak(runs: RecentRun[], inARow: number): ConditionDetail | undefined {
  const finished = runs.filter((run) => run.finishedAt && run.status !== "RATE_LIMITED");
  let streak = 0;
  while (streak < finished.length && finished[streak]!.status === "FAILED") streak++;
  if (streak < inARow) return undefined;
  const latest = finished[0]!;
  return { failures: streak, ...quotedError(latest), since: finished[streak - 1]!.finishedAt!.toISOString() };
}

/** The latest finished runs were all held back by a rate limit: since the first of them, until the latest "not before". */
function rateLimitStreak(runs: RecentRun[]): { since: Date; until: Date; error: ConditionDetail } | undefined {
  const finished = runs.filter((run) => run.finishedAt);
  let streak = 0;
  while (streak < finished.length && finished[streak]!.status === "RATE_LIMITED" && finished[streak]!.rateLimitedUntil) streak++;
  if (!streak) return undefined;
  const latest = finished[0]!;
  return { since: finished[streak - 1]!.finishedAt!, until: latest.rateLimitedUntil!, error: quotedError(latest) };
}

/**
 * Since when the module has not started a run: its latest start or finish (the tenant's settings
 * change when it has none), or the end of a rate limit that makes it wait. A run that started less
 * than a job's lifetime ago (pg-boss expires it after SYNC_JOB_EXPIRE_SECONDS) is still running.
 */
function notRunningSince(runs: RecentRun[], settingsChangedAt: Date, rateLimitedUntil: Date | undefined, now: Date): Date | undefined {
  const running = runs.find((run) => run.status === "RUNNING" && run.startedAt);
  if (running && now.getTime() - running.startedAt!.getTime() < env().SYNC_JOB_EXPIRE_SECONDS * 1000) return undefined;
  const times = runs.flatMap((run) => [run.startedAt, run.finishedAt]).filter((time): time is Date => time !== null);
  const last = times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : settingsChangedAt;
  return rateLimitedUntil && rateLimitedUntil > last ? rateLimitedUntil : last;
}
