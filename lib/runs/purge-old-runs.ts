/**
 * Runs past their retention are summed into RunSummary (per tenant, module and UTC day of queuing)
 * and deleted, in one statement per batch, so a run is counted exactly once and never lost between
 * the two (docs/performance.md, "Growth"). Runs that found nothing to do (succeeded with no
 * records: most scheduled runs) go after IDLE_RUN_RETENTION_DAYS, the rest after RUN_RETENTION_DAYS.
 * The newest run of each tenant module stays whatever its age: the overview shows it.
 *
 * A run that found nothing to do takes its INFO and DEBUG log lines with it ("reading changes
 * since …"): written by every scheduled run, they would outgrow everything else at thousands of
 * tenants; its warnings and errors stay for the tenant's log retention.
 */
import { db, Prisma } from "../db";
import { env } from "../env";

const BATCH = 5_000;
const DAY_MS = 86_400_000;

export type PurgedRuns = { idle: number; old: number };

export async function purgeOldRuns(
  now = new Date(),
  retention = { days: env().RUN_RETENTION_DAYS, idleDays: env().IDLE_RUN_RETENTION_DAYS },
): Promise<PurgedRuns> {
  const idleCutoff = new Date(now.getTime() - retention.idleDays * DAY_MS);
  const cutoff = new Date(now.getTime() - retention.days * DAY_MS);
  // The idle condition is the partial index's, word for word, so the planner uses it.
  const idle = await purgeInBatches(Prisma.sql`r."processed" = 0 and r."status" = 'SUCCEEDED' and r."queuedAt" < ${idleCutoff}`, true);
  const old = await purgeInBatches(Prisma.sql`r."queuedAt" < ${cutoff} and r."finishedAt" is not null`, false);
  return { idle, old };
}

/** Batches, so a backlog never holds one long transaction or one huge lock. */
async function purgeInBatches(condition: Prisma.Sql, withRoutineLogs: boolean): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await summariseAndDelete(condition, withRoutineLogs);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

async function summariseAndDelete(condition: Prisma.Sql, withRoutineLogs: boolean): Promise<number> {
  // The log lines go in the same statement; the foreign key clears runId on those that stay.
  const routineLogs = withRoutineLogs
    ? Prisma.sql`, routine_logs as (delete from "LogEntry" l using doomed d where l."runId" = d.id and l.level in ('DEBUG', 'INFO'))`
    : Prisma.empty;
  const [result] = await db.$queryRaw<{ deleted: number }[]>`
    with doomed as (
      select r.id from "SyncRun" r
      where ${condition}
        and exists (select 1 from "SyncRun" n where n."tenantId" = r."tenantId" and n.module = r.module and n."queuedAt" > r."queuedAt")
      order by r."queuedAt"
      limit ${BATCH}
    )${routineLogs}, deleted as (
      delete from "SyncRun" r using doomed d where r.id = d.id
      returning r."tenantId", r.module, r."queuedAt"::date as day, r.status, r.processed, r.created, r.updated, r.skipped, r.failed,
                r."remoteCalls", r."startedAt", r."finishedAt"
    ), per_day as (
      select "tenantId", module, day, count(*)::int as runs,
             (count(*) filter (where status = 'SUCCEEDED'))::int as succeeded,
             (count(*) filter (where status = 'PARTIAL'))::int as partial,
             (count(*) filter (where status = 'FAILED'))::int as failed,
             sum(processed)::int as processed, sum(created)::int as created, sum(updated)::int as updated,
             sum(skipped)::int as skipped, sum(failed)::int as "failedItems",
             coalesce(sum(extract(epoch from "finishedAt" - "startedAt")), 0)::float8 as "busySeconds"
      from deleted group by 1, 2, 3
    ), calls_per_day as (
      select "tenantId", module, day, jsonb_object_agg(remote, calls) as calls
      from (
        select d."tenantId", d.module, d.day, e.key as remote, sum(coalesce((e.value ->> 'calls')::bigint, 0)) as calls
        from deleted d
        cross join lateral jsonb_each(case when jsonb_typeof(d."remoteCalls") = 'object' then d."remoteCalls" else '{}'::jsonb end) e
        where jsonb_typeof(e.value) = 'object'
        group by 1, 2, 3, 4
      ) c
      group by 1, 2, 3
    ), summed as (
      insert into "RunSummary" ("tenantId", module, day, runs, succeeded, partial, failed, processed, created, updated, skipped, "failedItems", "busySeconds", "remoteCalls")
      select p.*, coalesce(c.calls, '{}'::jsonb) from per_day p left join calls_per_day c using ("tenantId", module, day)
      on conflict ("tenantId", module, day) do update set
        runs = "RunSummary".runs + excluded.runs,
        succeeded = "RunSummary".succeeded + excluded.succeeded,
        partial = "RunSummary".partial + excluded.partial,
        failed = "RunSummary".failed + excluded.failed,
        processed = "RunSummary".processed + excluded.processed,
        created = "RunSummary".created + excluded.created,
        updated = "RunSummary".updated + excluded.updated,
        skipped = "RunSummary".skipped + excluded.skipped,
        "failedItems" = "RunSummary"."failedItems" + excluded."failedItems",
        "busySeconds" = "RunSummary"."busySeconds" + excluded."busySeconds",
        "remoteCalls" = (
          select coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
          from (
            select key, sum(value::bigint) as total
            from (select * from jsonb_each_text("RunSummary"."remoteCalls") union all select * from jsonb_each_text(excluded."remoteCalls")) both_days
            group by key
          ) merged
        )
      returning 1
    )
    select (select count(*) from deleted)::int as deleted`;
  return result?.deleted ?? 0;
}
