/**
 * ModuleSchedule rows: when each tenant module is next due, kept so the per-minute tick reads the
 * due rows through an index instead of every tenant's settings and every run ever recorded
 * (docs/performance.md, "The schedule tick").
 *
 * Settings.schedules stays the one place a schedule is edited; these rows follow it. The tick first
 * takes the settings changed since it last looked (Settings.updatedAt, indexed) and brings their
 * rows in step, whoever wrote them (the settings page, tenant creation, a seed, a new module in a
 * release). A row whose interval or switch changed gets its next run from the module's last
 * queued run, as before: due once the interval has passed since then.
 */
import { db } from "../../db";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";

/** Settings changed this long before the newest one seen are read again (a write committed late). */
const SETTINGS_OVERLAP_MS = 2 * 60_000;
/** Tenants brought in step per statement group (all of them are, chunk by chunk). */
const CHUNK = 2_000;

type Schedule = { enabled: boolean; intervalMinutes: number };

/**
 * Brings the rows of tenants whose settings changed in step; returns how many tenants it changed rows of.
 * Usually a handful; after a release that adds a module (or this table), every tenant once.
 */
export async function syncModuleSchedules(now = new Date(), registry: ModuleRegistry = SYNC_MODULES): Promise<number> {
  // Per module (one index probe each), so a module new to this registry (no rows yet) reads every tenant once.
  const seen = await db.$queryRaw<{ module: string; seenUntil: Date | null }[]>`
    select wanted.module, (select max(m."settingsUpdatedAt") from "ModuleSchedule" m where m.module = wanted.module) as "seenUntil"
    from unnest(${[...registry.ids]}::text[]) as wanted(module)`;
  const seenUntil = new Map(seen.map((row) => [row.module, row.seenUntil]));
  const oldest = Math.min(...registry.ids.map((id) => seenUntil.get(id)?.getTime() ?? Number.NEGATIVE_INFINITY));
  let after = { updatedAt: new Date(Number.isFinite(oldest) ? oldest - SETTINGS_OVERLAP_MS : 0), tenantId: "00000000-0000-0000-0000-000000000000" };
  let looked = 0;
  for (;;) {
    // Out of step: some module has no row derived from this very version of the settings (each
    // module's row is one primary-key probe).
    const changed = await db.$queryRaw<{ tenantId: string; schedules: unknown; updatedAt: Date }[]>`
      select s."tenantId", s.schedules, s."updatedAt" from "Settings" s
      where s."updatedAt" >= ${after.updatedAt}::timestamp and (s."updatedAt", s."tenantId") > (${after.updatedAt}::timestamp, ${after.tenantId}::uuid)
        and exists (
          select 1 from unnest(${[...registry.ids]}::text[]) as wanted(module)
          where not exists (select 1 from "ModuleSchedule" m where m."tenantId" = s."tenantId" and m.module = wanted.module and m."settingsUpdatedAt" = s."updatedAt"))
      order by s."updatedAt", s."tenantId"
      limit ${CHUNK}`;
    if (changed.length) await syncTenantSchedules(changed, now, registry);
    looked += changed.length;
    if (changed.length < CHUNK) return looked;
    after = changed[changed.length - 1]!;
  }
}

async function syncTenantSchedules(changed: { tenantId: string; schedules: unknown; updatedAt: Date }[], now: Date, registry: ModuleRegistry): Promise<void> {
  const tenantIds = changed.map((row) => row.tenantId);
  const existing = await db.moduleSchedule.findMany({ where: { tenantId: { in: tenantIds }, module: { in: [...registry.ids] } } });
  const rowOf = new Map(existing.map((row) => [`${row.tenantId}:${row.module}`, row]));

  type Wanted = { tenantId: string; module: string; schedule: Schedule; settingsUpdatedAt: Date; nextRunAt?: Date };
  const wanted: Wanted[] = [];
  for (const settings of changed) {
    const parsed = registry.schedulesSchema.safeParse(settings.schedules);
    const schedules = (parsed.success ? parsed.data : registry.defaultSchedules) as Record<string, Schedule>;
    for (const module of registry.ids) {
      const row = rowOf.get(`${settings.tenantId}:${module}`);
      if (row && row.settingsUpdatedAt.getTime() === settings.updatedAt.getTime()) continue;
      const schedule = schedules[module]!;
      const same = row && row.enabled === schedule.enabled && row.intervalMinutes === schedule.intervalMinutes;
      wanted.push({ tenantId: settings.tenantId, module, schedule, settingsUpdatedAt: settings.updatedAt, ...(same ? { nextRunAt: row.nextRunAt } : {}) });
    }
  }
  const fresh = wanted.filter((entry) => !entry.nextRunAt);
  if (fresh.length) {
    const lastQueued = await lastQueuedAt(fresh);
    for (const entry of fresh) {
      const last = lastQueued.get(`${entry.tenantId}:${entry.module}`);
      entry.nextRunAt = last ? new Date(last.getTime() + entry.schedule.intervalMinutes * 60_000) : now;
    }
  }
  if (wanted.length) {
    await db.$executeRaw`
      insert into "ModuleSchedule" ("tenantId", module, enabled, "intervalMinutes", "nextRunAt", "settingsUpdatedAt")
      select * from unnest(
        ${wanted.map((entry) => entry.tenantId)}::uuid[], ${wanted.map((entry) => entry.module)}::text[],
        ${wanted.map((entry) => entry.schedule.enabled)}::boolean[], ${wanted.map((entry) => entry.schedule.intervalMinutes)}::int[],
        ${wanted.map((entry) => entry.nextRunAt!)}::timestamp[], ${wanted.map((entry) => entry.settingsUpdatedAt)}::timestamp[])
      on conflict ("tenantId", module) do update set
        enabled = excluded.enabled, "intervalMinutes" = excluded."intervalMinutes",
        "nextRunAt" = excluded."nextRunAt", "settingsUpdatedAt" = excluded."settingsUpdatedAt"`;
    // After a bulk change (a release that adds the table or a module), fresh statistics keep the
    // planner on the indexes; autovacuum would get there too, minutes later.
    if (wanted.length >= 1_000) await db.$executeRawUnsafe(`analyze "ModuleSchedule"`);
  }
}

/** The newest queuedAt per tenant module, one index probe each (SyncRun's tenantId, module, queuedAt index). */
async function lastQueuedAt(pairs: { tenantId: string; module: string }[]): Promise<Map<string, Date>> {
  const rows = await db.$queryRaw<{ tenantId: string; module: string; queuedAt: Date | null }[]>`
    select p."tenantId", p.module,
           (select r."queuedAt" from "SyncRun" r where r."tenantId" = p."tenantId" and r.module = p.module and not r."dryRun" order by r."queuedAt" desc limit 1) as "queuedAt"
    from unnest(${pairs.map((pair) => pair.tenantId)}::uuid[], ${pairs.map((pair) => pair.module)}::text[]) as p("tenantId", module)`;
  return new Map(rows.filter((row) => row.queuedAt).map((row) => [`${row.tenantId}:${row.module}`, row.queuedAt!]));
}

/**
 * A run was queued for these tenant modules at `queuedAt`: each is next due one interval later
 * (a manual run, too, pushes the next scheduled one back, as it always has).
 */
export async function moveNextRuns(entries: { tenantId: string; module: string }[], queuedAt: Date): Promise<void> {
  if (!entries.length) return;
  await db.$executeRaw`
    update "ModuleSchedule" s set "nextRunAt" = ${queuedAt}::timestamp + s."intervalMinutes" * interval '1 minute'
    from unnest(${entries.map((entry) => entry.tenantId)}::uuid[], ${entries.map((entry) => entry.module)}::text[]) as e("tenantId", module)
    where s."tenantId" = e."tenantId" and s.module = e.module`;
}

/** Looks at these tenant modules again at `until` (a prerequisite fails now), behind those due before. */
export async function postponeNextRuns(entries: { tenantId: string; module: string }[], until: Date): Promise<void> {
  if (!entries.length) return;
  await db.$executeRaw`
    update "ModuleSchedule" s set "nextRunAt" = ${until}::timestamp
    from unnest(${entries.map((entry) => entry.tenantId)}::uuid[], ${entries.map((entry) => entry.module)}::text[]) as e("tenantId", module)
    where s."tenantId" = e."tenantId" and s.module = e.module`;
}
