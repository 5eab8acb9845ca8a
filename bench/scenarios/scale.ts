/**
 * Scenario 11: ten thousand tenants with small data on one shared pair of simulators, every
 * module scheduled at its default interval, several workers with the per-minute tick on, and a
 * run history as large as the retention keeps at that size. Measured: the tick (in the workers,
 * from its job's output), job pickup (queued → started), database growth per tenant per day, and
 * the dashboard of one tenant while the others run. The old tick's queries are timed once on the
 * same data for comparison.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { encryptSecret } from "../../lib/crypto";
import { db, Prisma } from "../../lib/db";
import { DEFAULT_SETTINGS } from "../../lib/settings/defaults";
import { findDueModules } from "../../lib/sync/engine/find-due-modules";
import { syncModuleSchedules } from "../../lib/sync/engine/module-schedules";
import { handleScheduleTickJob } from "../../workers/jobs/schedule-tick";
import { SYNC_MODULES } from "../../lib/sync/modules";
import { DEMO_SETUP_SETTINGS, demoOrderMapping, demoProductMapping } from "../../prisma/seed";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { percentile } from "../percentile";
import { PeakMemoryTracker } from "../rss";
import { restartMainWorker, startBenchWorkers, startSimulators, type BenchWorkers, type Simulators } from "../stack";
import type { ScenarioResult } from "../table";
import type { BenchContext } from "./context";
import { startDashboardServer, type DashboardServer } from "./dashboard";

const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** Tenants set up as a shop owner would have them (connections, product and order mappings, where order export starts, modules on), in bulk. */
async function createScaleTenants(ctx: BenchContext, sims: Simulators, count: number): Promise<{ id: string; slug: string }[]> {
  const label = Date.now().toString(36);
  const tenants = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), slug: `scale-${label}-${index}`, name: `Scale ${index}` }));
  // Set up as a shop owner leaves it: a new tenant has every module off until then.
  const { schedules, orderExportStart } = DEMO_SETUP_SETTINGS;
  for (const part of chunks(tenants)) {
    await db.tenant.createMany({ data: part });
    await db.settings.createMany({ data: part.map((tenant) => ({ tenantId: tenant.id, ...DEFAULT_SETTINGS, schedules, orderExportStart })) });
    await db.connection.createMany({
      data: part.flatMap((tenant) => [
        {
          tenantId: tenant.id,
          kind: "CSCART" as const,
          config: { shopUrl: sims.cscart.url, adminEmail: sims.cscart.options.adminEmail },
          encryptedSecret: encryptSecret(sims.cscart.options.apiKey, { tenantId: tenant.id, kind: "CSCART" }),
        },
        {
          tenantId: tenant.id,
          kind: "VISMA" as const,
          config: {
            clientId: sims.visma.options.clientId,
            tenantId: sims.visma.options.tenantId,
            tokenUrl: `${sims.visma.url}/connect/token`,
            erpBaseUrl: sims.visma.url,
            salesOrderBaseUrl: sims.visma.url,
          },
          encryptedSecret: encryptSecret(sims.visma.options.clientSecret, { tenantId: tenant.id, kind: "VISMA" }),
        },
      ]),
    });
    await db.mapping.createMany({
      data: part.flatMap((tenant) => [
        { tenantId: tenant.id, module: "PRODUCT_IMPORT", version: 1, config: demoProductMapping() },
        { tenantId: tenant.id, module: "ORDER_EXPORT", version: 1, config: demoOrderMapping() },
      ]),
    });
  }
  // Set up in the past month, as tenants in a steady state were (the tick looks again only at settings changed lately).
  await db.$executeRaw`update "Settings" set "updatedAt" = ${new Date(Date.now() - 86_400_000)}::timestamp - random() * interval '30 days' where "tenantId" = any(${tenants.map((tenant) => tenant.id)}::uuid[])`;
  // The bench owner looks at the first one's dashboard.
  await db.membership.create({ data: { tenantId: tenants[0]!.id, userId: ctx.owner.id, role: "OWNER" } });
  return tenants;
}

/**
 * Past runs, spread as the retention leaves them: most found nothing to do (kept two days), one in
 * twenty did some work (kept thirty days). In statements of a million rows.
 */
async function insertRunHistory(tenantIds: string[], rows: number, now: Date): Promise<void> {
  const modules = SYNC_MODULES.ids as readonly string[];
  for (let start = 0; start < rows; start += 1_000_000) {
    const count = Math.min(1_000_000, rows - start);
    await db.$executeRaw`
      with t as (select ${tenantIds}::uuid[] as ids, ${[...modules]}::text[] as modules)
      insert into "SyncRun" (id, "tenantId", module, trigger, status, processed, updated, "remoteCalls", "queuedAt", "startedAt", "finishedAt")
      select gen_random_uuid(), t.ids[1 + g % array_length(t.ids, 1)], t.modules[1 + (g / array_length(t.ids, 1)) % array_length(t.modules, 1)],
             'SCHEDULE', 'SUCCEEDED', case when busy then 3 else 0 end, case when busy then 3 else 0 end,
             '{"cscart": {"calls": 1}, "visma": {"calls": 1}}'::jsonb, at, at + interval '1 second', at + interval '2 seconds'
      from t, (select g, g % 20 = 0 as busy, ${now}::timestamp - random() * (case when g % 20 = 0 then 30 else 2 end) * interval '1 day' as at
               from generate_series(${start}::int, ${start + count - 1}::int) as g) s`;
  }
  await db.$executeRawUnsafe(`analyze "SyncRun"`);
}

/** What the tick did before ModuleSchedule: every tenant's settings and the last run of every tenant module. */
async function timeOldTickQueries(): Promise<number> {
  const started = Date.now();
  await Promise.all([
    db.settings.findMany({ select: { tenantId: true, schedules: true } }),
    db.syncRun.groupBy({ by: ["tenantId", "module"], _max: { queuedAt: true } }),
  ]);
  return Date.now() - started;
}

/** Tables that grow with every run; the others hold per-tenant state written once (ledger rows, cursors, the customer index). */
const PER_RUN = ["SyncRun", "LogEntry", "RunSummary", "pgboss"];
const TABLES = ["SyncRun", "SyncItem", "LogEntry", "SyncCursor", "RunSummary", "ModuleSchedule", "VismaCustomerIndex"];

/** Bytes per table (with indexes and TOAST), the app's and pg-boss's job tables. */
async function tableBytes(): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ name: string; bytes: bigint }[]>`
    select c.relname::text as name, pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and ((n.nspname = 'public' and c.relname = any(${TABLES}::text[])) or n.nspname = 'pgboss')`;
  const sizes: Record<string, number> = {};
  for (const row of rows) {
    const key = TABLES.includes(row.name) ? row.name : "pgboss";
    sizes[key] = (sizes[key] ?? 0) + Number(row.bytes);
  }
  return sizes;
}

type TickOutput = { due: number; queued: number; durationMs: number };

/** The per-minute ticks created since `since` (not the one each worker sends itself as it starts). */
async function tickOutputs(since: Date): Promise<TickOutput[]> {
  const rows = await db.$queryRaw<{ output: TickOutput | null }[]>`
    select output from pgboss.job where name = 'schedule-tick' and state = 'completed' and created_on >= ${since}::timestamptz
    union all
    select output from pgboss.archive where name = 'schedule-tick' and state = 'completed' and created_on >= ${since}::timestamptz`;
  return rows.map((row) => row.output).filter((output): output is TickOutput => typeof output?.durationMs === "number");
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

/**
 * The plans of the queries that must not grow with tenants or runs, on this data (docs/performance.md
 * quotes them). The purge's deletes are planned through their selecting part, which is run.
 */
async function explainPlans(tenantId: string, now: Date): Promise<Record<string, string>> {
  const ids = [...SYNC_MODULES.ids] as string[];
  const idleCutoff = new Date(now.getTime() - 2 * 86_400_000);
  const cutoff = new Date(now.getTime() - 30 * 86_400_000);
  const queries: Record<string, Prisma.Sql> = {
    "tick: due modules": Prisma.sql`select "tenantId", module from "ModuleSchedule" where enabled = true and "nextRunAt" <= ${now}::timestamp and module = any(${ids}::text[]) order by "nextRunAt" limit 10000`,
    "tick: settings changed since it last looked": Prisma.sql`
      select s."tenantId" from "Settings" s
      where s."updatedAt" >= ${new Date(now.getTime() - 120_000)}::timestamp
        and (select count(*) from "ModuleSchedule" m where m."tenantId" = s."tenantId" and m.module = any(${ids}::text[]) and m."settingsUpdatedAt" = s."updatedAt") < ${ids.length}
      order by s."updatedAt", s."tenantId" limit 2000`,
    "old tick: last run of every tenant module": Prisma.sql`select "tenantId", module, max("queuedAt") from "SyncRun" group by 1, 2`,
    "purge: idle runs past 2 days": Prisma.sql`
      select r.id from "SyncRun" r
      where r."processed" = 0 and r."status" = 'SUCCEEDED' and r."queuedAt" < ${idleCutoff}::timestamp
        and exists (select 1 from "SyncRun" n where n."tenantId" = r."tenantId" and n.module = r.module and n."queuedAt" > r."queuedAt")
      order by r."queuedAt" limit 5000`,
    "purge: runs past 30 days": Prisma.sql`
      select r.id from "SyncRun" r
      where r."queuedAt" < ${cutoff}::timestamp and r."finishedAt" is not null
        and exists (select 1 from "SyncRun" n where n."tenantId" = r."tenantId" and n.module = r.module and n."queuedAt" > r."queuedAt")
      order by r."queuedAt" limit 5000`,
    "purge: expired log rows": Prisma.sql`select id from "LogEntry" where "expiresAt" < ${now}::timestamp limit 10000`,
    "dashboard: last queued run per module of one tenant": Prisma.sql`select module, max("queuedAt") from "SyncRun" where "tenantId" = ${tenantId}::uuid group by module`,
    "dashboard: runs page of one tenant": Prisma.sql`select * from "SyncRun" where "tenantId" = ${tenantId}::uuid order by "queuedAt" desc, id desc limit 26`,
  };
  const plans: Record<string, string> = {};
  for (const [name, query] of Object.entries(queries)) {
    const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`explain (analyze, buffers) ${query}`);
    plans[name] = rows.map((row) => row["QUERY PLAN"]).join("\n");
  }
  return plans;
}

export async function runScaleScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  const count = config.scaleTenants;
  const sims = await startSimulators(config, 41, { products: 3, customers: 3, orders: 0 });
  allowLocalServers(sims.cscart.url, sims.visma.url);
  let extra: BenchWorkers | undefined;
  let dashboard: DashboardServer | undefined;
  try {
    ctx.log(`11. creating ${count.toLocaleString("en-US")} tenants on one pair of simulators`);
    const tenants = await createScaleTenants(ctx, sims, count);
    const now = new Date();
    ctx.log(`11. inserting ${config.scaleHistoryRuns.toLocaleString("en-US")} past runs`);
    const historyStarted = Date.now();
    await insertRunHistory(
      tenants.map((tenant) => tenant.id),
      config.scaleHistoryRuns,
      now,
    );
    ctx.log(`11. history inserted in ${((Date.now() - historyStarted) / 1000).toFixed(0)} s`);
    const oldTickMs = await timeOldTickQueries();

    // The first tick after the release that brings ModuleSchedule: every tenant once.
    const firstSyncStarted = Date.now();
    const scheduled = await syncModuleSchedules(now);
    const firstSyncMs = Date.now() - firstSyncStarted;
    await db.$executeRawUnsafe(`analyze "ModuleSchedule"`);
    const defaultRunsPerMinute = count * SYNC_MODULES.modules.reduce((sum, module) => sum + 1 / module.defaultSchedule.intervalMinutes, 0);
    ctx.log(
      `11. ${scheduled} tenants scheduled in ${firstSyncMs} ms; old tick queries ${oldTickMs} ms; the default schedules ask for ${(defaultRunsPerMinute / 60).toFixed(1)} runs/s`,
    );

    // 1. The tick at the default schedules: each tenant module last ran somewhere within its
    // interval, so a minute's worth of them is due. The runs it queues are removed again.
    const tenantIds = tenants.map((tenant) => tenant.id);
    const queues = SYNC_MODULES.modules.map((module) => module.queue);
    const fullTicks: TickOutput[] = [];
    for (let i = 0; i < 3; i++) {
      await db.$executeRaw`update "ModuleSchedule" set "nextRunAt" = ${new Date()}::timestamp + (random() * "intervalMinutes" - 1) * interval '1 minute'`;
      fullTicks.push(await handleScheduleTickJob(ctx.boss));
      await db.$executeRaw`delete from pgboss.job where name = any(${queues}::text[]) and state = 'created'`;
      await db.$executeRaw`delete from "SyncRun" where status = 'QUEUED' and "tenantId" = any(${tenantIds}::uuid[])`;
    }
    ctx.log(`11. ticks at the default schedules: ${fullTicks.map((tick) => `${tick.due} due in ${tick.durationMs} ms`).join(", ")}`);

    // 2. A steady state this machine's workers can keep up with: the intervals stretched so the
    // schedules ask for about scaleRunsPerSecond runs (every tenant's settings change: the tick
    // follows them, timed).
    const stretch = Math.max(1, Math.ceil(defaultRunsPerMinute / 60 / config.scaleRunsPerSecond));
    const stretched = Object.fromEntries(
      SYNC_MODULES.modules.map((module) => [module.id, { enabled: true, intervalMinutes: module.defaultSchedule.intervalMinutes * stretch }]),
    );
    await db.$executeRaw`update "Settings" set schedules = ${JSON.stringify(stretched)}::jsonb, "updatedAt" = ${new Date()}::timestamp where "tenantId" = any(${tenantIds}::uuid[])`;
    const resyncStarted = Date.now();
    await syncModuleSchedules();
    const resyncMs = Date.now() - resyncStarted;
    await db.$executeRaw`update "ModuleSchedule" set "nextRunAt" = ${new Date()}::timestamp + random() * "intervalMinutes" * interval '1 minute'`;
    const demandPerSecond = defaultRunsPerMinute / 60 / stretch;

    dashboard = await startDashboardServer(ctx, "11");
    await restartMainWorker(ctx, { WORKER_SCHEDULES: "on" });
    extra = await startBenchWorkers(config, config.scaleWorkers - 1, "scale", { WORKER_SCHEDULES: "on" });
    // In production the web server and the workers have CPUs of their own; on this machine they
    // share two, so the workers yield the CPU to the web server (the database is shared as it is).
    for (const { pid } of [...ctx.worker.processes, ...extra.processes]) os.setPriority(pid, 10);
    const memory = new PeakMemoryTracker([...ctx.worker.processes, ...extra.processes]);
    const sizesBefore = await tableBytes();
    const windowStart = new Date();
    ctx.log(`11. ${config.scaleWorkers} workers with schedules on for ${config.scaleMinutes} min`);

    // Halfway, the dashboard of one tenant while the others run.
    await new Promise((resolve) => setTimeout(resolve, (config.scaleMinutes * 60_000) / 2));
    const measuredTenant = tenants[0]!;
    const routes = [`/${measuredTenant.slug}`, `/api/t/${measuredTenant.slug}/overview`, `/api/t/${measuredTenant.slug}/runs`];
    const pages = [];
    for (const route of routes) pages.push({ route, ...(await dashboard.measure(route)) });
    const elapsed = Date.now() - windowStart.getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, config.scaleMinutes * 60_000 - elapsed)));
    const windowEnd = new Date();
    const peak = await memory.stop();
    const sizesAfter = await tableBytes();
    const plans = await explainPlans(tenants[0]!.id, new Date());
    // Finding the due modules alone, in the state the workers left (without enqueueing them).
    const dueSamples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await findDueModules(new Date(Date.now() - 60_000));
      dueSamples.push(Date.now() - started);
    }

    const ticks = await tickOutputs(windowStart);
    const tickMs = ticks.map((tick) => tick.durationMs);
    // Runs queued in the window (those queued in its last half minute may not have had their turn).
    const runs = await db.syncRun.findMany({
      where: { queuedAt: { gte: windowStart, lte: new Date(windowEnd.getTime() - 30_000) }, trigger: "SCHEDULE" },
      select: { queuedAt: true, startedAt: true, status: true },
    });
    const pickup = runs.filter((run) => run.startedAt).map((run) => (run.startedAt!.getTime() - run.queuedAt.getTime()) / 1000);
    const waiting = runs.length - pickup.length;
    const finished = await db.syncRun.count({ where: { finishedAt: { gte: windowStart, lte: windowEnd } } });
    const failed = await db.syncRun.count({ where: { finishedAt: { gte: windowStart, lte: windowEnd }, status: "FAILED" } });
    const windowSeconds = (windowEnd.getTime() - windowStart.getTime()) / 1000;
    const grown = Object.fromEntries(Object.keys(sizesAfter).map((table) => [table, (sizesAfter[table] ?? 0) - (sizesBefore[table] ?? 0)]));
    const perTenantDay = (tables: string[]) => (tables.reduce((sum, table) => sum + Math.max(0, grown[table] ?? 0), 0) / count) * (86_400 / windowSeconds);
    const perTenantDayBytes = perTenantDay(PER_RUN);
    const oneTimeBytes = perTenantDay(Object.keys(grown).filter((table) => !PER_RUN.includes(table)));
    const historyBytes = sizesBefore.SyncRun ?? 0;

    const fullTickMs = fullTicks.map((tick) => tick.durationMs);
    const tick = {
      p50Ms: percentile(fullTickMs, 0.5),
      p95Ms: percentile(fullTickMs, 0.95),
      maxMs: Math.max(...fullTickMs),
      ticks: fullTicks.length,
      duePerTick: percentile(
        fullTicks.map((t) => t.due),
        0.5,
      ),
    };
    const workerTick = {
      p50Ms: percentile(tickMs, 0.5),
      p95Ms: percentile(tickMs, 0.95),
      ticks: ticks.length,
      duePerTick: percentile(
        ticks.map((t) => t.due),
        0.5,
      ),
    };
    const finishedInWindow = Math.max(1, finished);
    const bytesPerRun = PER_RUN.reduce((sum, table) => sum + Math.max(0, grown[table] ?? 0), 0) / finishedInWindow;
    const pickupStats = { p50Seconds: percentile(pickup, 0.5), p95Seconds: percentile(pickup, 0.95), started: pickup.length, stillWaiting: waiting };
    const base = { calls: null, needed: null, bound: null, ratio: null, throughput: false, legacy: null } as const;
    const worstPage = pages.reduce((worst, page) => (page.p95Ms > worst.p95Ms ? page : worst));
    return [
      {
        ...base,
        id: "11a",
        name: `Schedule tick, ${count.toLocaleString("en-US")} tenants`,
        records: ticks.length,
        wallSeconds: windowSeconds,
        recordsPerSecond: ticks.length / windowSeconds,
        peakRssMb: peak.rssMb,
        peakHeapMb: peak.heapMb,
        notes: [
          `tick at the default schedules: ${fullTicks.map((t) => `${t.durationMs} ms for ${t.due} due`).join(", ")} (finding and enqueueing them all); in the workers at ${stretch}× the intervals: p50 ${workerTick.p50Ms.toFixed(0)} ms, p95 ${workerTick.p95Ms.toFixed(0)} ms over ${workerTick.ticks} ticks, ~${workerTick.duePerTick} due each`,
          `finding the due modules alone: p50 ${percentile(dueSamples, 0.5)} ms; the old tick's two queries on the same data: ${oldTickMs} ms; ${config.scaleHistoryRuns.toLocaleString("en-US")} past runs (${(historyBytes / 2 ** 30).toFixed(2)} GiB with indexes); first sync of every tenant's schedule rows: ${firstSyncMs} ms, after every tenant's settings changed: ${resyncMs} ms`,
          `database growth with every run: ${(bytesPerRun / 1024).toFixed(1)} KiB per run (SyncRun, LogEntry, RunSummary, pg-boss), so ${((bytesPerRun * defaultRunsPerMinute * 1440) / count / 2 ** 20).toFixed(2)} MiB per tenant per day at the default schedules before retention; tenant state written by first runs: ${(oneTimeBytes / 1024).toFixed(0)} KiB per tenant per day at this window's pace (${Object.entries(
            grown,
          )
            .filter(([, bytes]) => bytes > 0)
            .map(([table, bytes]) => `${table} ${(bytes / 2 ** 20).toFixed(1)} MiB`)
            .join(", ")} in ${(windowSeconds / 60).toFixed(1)} min)`,
        ],
        details: {
          tick,
          fullTicks,
          workerTick,
          ticks,
          stretch,
          dueSamples,
          oldTickMs,
          firstSyncMs,
          resyncMs,
          historyRuns: config.scaleHistoryRuns,
          sizesBefore,
          sizesAfter,
          bytesPerRun,
          perTenantDayBytes,
          oneTimeBytes,
          windowSeconds,
          plans,
        },
      },
      {
        ...base,
        id: "11b",
        name: `Job pickup, ${count.toLocaleString("en-US")} tenants, ${config.scaleWorkers} workers`,
        records: finished,
        wallSeconds: windowSeconds,
        recordsPerSecond: finished / windowSeconds,
        peakRssMb: peak.rssMb,
        peakHeapMb: peak.heapMb,
        notes: [
          `queued → started: p50 ${pickupStats.p50Seconds.toFixed(1)} s, p95 ${pickupStats.p95Seconds.toFixed(1)} s over ${pickupStats.started} scheduled runs${waiting ? `; ${waiting} still waiting at the end` : ""}`,
          `runs finished ${(finished / windowSeconds).toFixed(1)}/s (${failed} failed); the schedules, every interval ${stretch}× its default, ask for ${demandPerSecond.toFixed(1)}/s (records column: runs finished)`,
        ],
        details: { pickup: pickupStats, finished, failed, demandPerSecond },
      },
      {
        ...base,
        id: "11c",
        name: "Dashboard of one tenant while the others run",
        records: pages.reduce((sum, page) => sum + page.requests, 0),
        wallSeconds: pages.reduce((sum, page) => sum + page.seconds, 0),
        recordsPerSecond:
          pages.reduce((sum, page) => sum + page.requests, 0) /
          Math.max(
            0.001,
            pages.reduce((sum, page) => sum + page.seconds, 0),
          ),
        peakRssMb: Math.max(...pages.map((page) => page.rssMb ?? 0)) || null,
        peakHeapMb: null,
        notes: pages.map(
          (page) =>
            `GET ${page.route.replace(measuredTenant.slug, "<t>")}: p50 ${page.p50Ms.toFixed(0)} ms, p95 ${page.p95Ms.toFixed(0)} ms over ${page.requests} requests${page.non2xx || page.errors ? `; ${page.non2xx} non-2xx, ${page.errors} errors` : ""}`,
        ),
        details: {
          pages: pages.map(({ route, ...figures }) => ({ route: route.replace(measuredTenant.slug, "<t>"), ...figures })),
          p95Ms: round(worstPage.p95Ms),
        },
      },
    ];
  } finally {
    await dashboard?.stop();
    await extra?.stop();
    // The main worker goes back to schedules off, as the other scenarios expect.
    await restartMainWorker(ctx);
    await sims.close();
  }
}
