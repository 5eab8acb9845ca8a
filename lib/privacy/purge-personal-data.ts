/**
 * Personal data expires (docs/privacy.md lists every field, its retention and the test that proves
 * it). Each step below removes one kind of it: rows past the tenant's retention (Settings.
 * logRetentionDays, read at purge time, so lowering it applies to rows already stored), log rows
 * of a tenant that turned logging off, and — for "Delete all logs now" — all of a tenant's.
 *
 * Kept on purpose: what the sync needs to never write twice (ledger ids and states, cursors),
 * configuration the tenant typed (connection settings, alert list, webhook URL), members' accounts,
 * and alert conditions that are still open (live state, refreshed by every evaluation).
 *
 * Every step works in batches, so a large backlog never holds one long transaction.
 */
import { db } from "../db";

const BATCH = 10_000;
/** Account e-mails (invitations, resets: no tenant) are kept this long; their links live at most 7 days. */
export const ACCOUNT_EMAIL_DAYS = 30;
/** The record of a deleted tenant (who deleted it, when) is kept this long. */
export const TENANT_DELETION_RECORD_DAYS = 365;

/** Which rows: past retention (every tenant, or one), or everything of one tenant. */
export type PurgeScope = { now: Date; tenantId: string | null; everything: boolean };

async function inBatches(statement: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await statement();
    total += count;
    if (count < BATCH) return total;
  }
}

/** Run log lines: past their expiry or the retention now in force, or all while logging is off. */
export function purgeLogEntries({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    delete from "LogEntry" where id in (
      select l.id from "LogEntry" l join "Settings" s on s."tenantId" = l."tenantId"
      where (${tenantId}::uuid is null or l."tenantId" = ${tenantId}::uuid)
        and (${everything} or l."expiresAt" < ${now} or not s."storeLogs" or l."createdAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/** A run's own error text and its message params (either may quote a remote record); its code stays. */
export function purgeRunErrors({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    update "SyncRun" set error = null, "errorParams" = null where id in (
      select r.id from "SyncRun" r join "Settings" s on s."tenantId" = r."tenantId"
      where (r.error is not null or r."errorParams" is not null) and (${tenantId}::uuid is null or r."tenantId" = ${tenantId}::uuid)
        and (${everything} or coalesce(r."finishedAt", r."queuedAt") + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/**
 * What a dry run would have sent (payloads with customers' names and addresses), and its failures'
 * texts: after the retention only the counts stay, so the run page and the setup checklist still
 * say what it would have done. The failures are then counted as not listed.
 */
export function purgeDryRunDetails({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    update "SyncRun" set "dryRunResult" = jsonb_build_object(
        'counts', "dryRunResult"->'counts', 'writes', '[]'::jsonb, 'skips', '[]'::jsonb, 'failures', '[]'::jsonb,
        'failuresNotListed', coalesce(("dryRunResult"->'counts'->>'failed')::int, 0))
    where id in (
      select r.id from "SyncRun" r join "Settings" s on s."tenantId" = r."tenantId"
      where r."dryRun" and r."dryRunResult" is not null
        and (jsonb_array_length(coalesce(r."dryRunResult"->'writes', '[]')) > 0 or jsonb_array_length(coalesce(r."dryRunResult"->'skips', '[]')) > 0
          or jsonb_array_length(coalesce(r."dryRunResult"->'failures', '[]')) > 0)
        and (${tenantId}::uuid is null or r."tenantId" = ${tenantId}::uuid)
        and (${everything} or coalesce(r."finishedAt", r."queuedAt") + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/**
 * A ledger row's last error text and its message params (either may quote a name or an address;
 * the code stays, so the dashboard can still say what kind of failure it was). The row itself stays: it is
 * what keeps an order from being sent twice. Only unfinished and failed rows carry an error (a row
 * that is written or skipped has none), which the partial index SyncItem_unsettled_idx holds.
 */
export function purgeLedgerErrors({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    update "SyncItem" set "lastError" = null, "errorParams" = null where id in (
      select i.id from "SyncItem" i join "Settings" s on s."tenantId" = i."tenantId"
      where i.state in ('PENDING', 'CLAIMED', 'FAILED') and (i."lastError" is not null or i."errorParams" is not null)
        and (${tenantId}::uuid is null or i."tenantId" = ${tenantId}::uuid)
        and (${everything} or i."updatedAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/** The tenant's outbox (recipients, bodies); account e-mails after ACCOUNT_EMAIL_DAYS. */
export async function purgeEmails({ now, tenantId, everything }: PurgeScope): Promise<number> {
  const tenantEmails = await inBatches(
    () => db.$executeRaw`
    delete from "OutboundEmail" where id in (
      select e.id from "OutboundEmail" e join "Settings" s on s."tenantId" = e."tenantId"
      where (${tenantId}::uuid is null or e."tenantId" = ${tenantId}::uuid)
        and (${everything} or e."createdAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
  if (tenantId !== null) return tenantEmails;
  const accountEmails = await inBatches(
    () => db.$executeRaw`
    delete from "OutboundEmail" where id in (
      select id from "OutboundEmail" where "tenantId" is null and "createdAt" + make_interval(days => ${ACCOUNT_EMAIL_DAYS}) < ${now}
      limit ${BATCH})`,
  );
  return tenantEmails + accountEmails;
}

/**
 * What an audit event says beyond "who (by id) did what, when": its detail (old and new values,
 * e-mail addresses of members), the actor's e-mail, and any e-mail address in its target.
 */
export function purgeAuditDetails({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    update "AuditEvent" set detail = null, "userEmail" = null,
      target = regexp_replace(target, '([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+', '\\1***', 'g')
    where id in (
      select a.id from "AuditEvent" a join "Settings" s on s."tenantId" = a."tenantId"
      where (a.detail is not null or a."userEmail" is not null or a.target like '%@%')
        and (${tenantId}::uuid is null or a."tenantId" = ${tenantId}::uuid)
        and (${everything} or a."createdAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/** Alert conditions that ended (their detail may quote an error text); open ones are live state. */
export function purgeResolvedAlerts({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    delete from "AlertCondition" where id in (
      select c.id from "AlertCondition" c join "Settings" s on s."tenantId" = c."tenantId"
      where c."resolvedAt" is not null and c."resolvedNotifiedAt" is not null
        and (${tenantId}::uuid is null or c."tenantId" = ${tenantId}::uuid)
        and (${everything} or c."resolvedAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/** Who saved a mapping version (an e-mail address); the version itself stays. */
export function purgeMappingAuthors({ now, tenantId, everything }: PurgeScope): Promise<number> {
  return inBatches(
    () => db.$executeRaw`
    update "Mapping" set "createdBy" = null where id in (
      select m.id from "Mapping" m join "Settings" s on s."tenantId" = m."tenantId"
      where m."createdBy" is not null and (${tenantId}::uuid is null or m."tenantId" = ${tenantId}::uuid)
        and (${everything} or m."createdAt" + make_interval(days => s."logRetentionDays") < ${now})
      limit ${BATCH})`,
  );
}

/** A connection's last error and its params, when its last check is older than the retention (a newer check rewrites them). */
export function purgeConnectionErrors({ now, tenantId }: PurgeScope): Promise<number> {
  return db.$executeRaw`
    update "Connection" c set "lastError" = null, "lastErrorParams" = null from "Settings" s
    where s."tenantId" = c."tenantId" and (c."lastError" is not null or c."lastErrorParams" is not null)
      and (${tenantId}::uuid is null or c."tenantId" = ${tenantId}::uuid)
      and coalesce(c."lastCheckedAt", c."updatedAt") + make_interval(days => s."logRetentionDays") < ${now}`;
}

/** The record of a tenant deletion (the deleter's e-mail), after TENANT_DELETION_RECORD_DAYS. */
export async function purgeTenantDeletionRecords({ now }: PurgeScope): Promise<number> {
  const { count } = await db.tenantDeletion.deleteMany({
    where: { completedAt: { not: null }, requestedAt: { lt: new Date(now.getTime() - TENANT_DELETION_RECORD_DAYS * 86_400_000) } },
  });
  return count;
}

/** The log-like rows "Delete all logs now" removes; the hourly purge does these and more. */
const LOG_STEPS = {
  logEntries: purgeLogEntries,
  runErrors: purgeRunErrors,
  dryRunDetails: purgeDryRunDetails,
  ledgerErrors: purgeLedgerErrors,
  emails: purgeEmails,
  auditDetails: purgeAuditDetails,
  resolvedAlerts: purgeResolvedAlerts,
  mappingAuthors: purgeMappingAuthors,
};
const RETENTION_STEPS = { ...LOG_STEPS, connectionErrors: purgeConnectionErrors, tenantDeletionRecords: purgeTenantDeletionRecords };

async function runSteps(steps: Record<string, (scope: PurgeScope) => Promise<number>>, scope: PurgeScope): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // One after another: each works in batches, and together they would only compete for the same rows' pages.
  for (const [name, step] of Object.entries(steps)) counts[name] = await step(scope);
  return counts;
}

/** The hourly purge: everything past its retention, for every tenant. */
export function purgePersonalData(now = new Date()): Promise<Record<string, number>> {
  return runSteps(RETENTION_STEPS, { now, tenantId: null, everything: false });
}

/**
 * "Delete all logs now": every log-like row of one tenant — run log lines, run and ledger error
 * texts, dry runs' payloads, its outbox, audit details, ended alerts, mapping authors. Live state stays (open alerts,
 * a connection's current error), and so does what the sync needs.
 */
export function purgeAllLogsOf(tenantId: string, now = new Date()): Promise<Record<string, number>> {
  return runSteps(LOG_STEPS, { now, tenantId, everything: true });
}
