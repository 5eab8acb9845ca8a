/**
 * The periodic alert evaluation (docs/alerts.md), run by whichever worker takes the evaluate-alerts
 * job: observe which conditions hold, keep their state in AlertCondition, and send each notice once
 * — when a condition starts, reminders at the tenant's pace while it lasts, and when it ends.
 *
 * Idempotent, so two evaluations at once cannot send anything twice:
 *  - a condition is opened with INSERT … ON CONFLICT on the partial unique index (one open row per
 *    tenant, kind and key) and resolved only when it was not seen by this or a later evaluation;
 *  - each notice is claimed by one conditional UPDATE of the row (notices, lastNotifiedAt,
 *    resolvedNotifiedAt as they were read): only the evaluation whose update matched sends it;
 *  - the e-mails' dedupe keys (alert:<id>:<notice>:<n>:<locale>) make the outbox refuse a repeat.
 */
import type PgBoss from "pg-boss";
import { db, type AlertCondition } from "../db";
import { observeConditions } from "./observe-conditions";
import { sendAlertNotice, type AlertNoticeKind } from "./send-alert-notice";

export type EvaluationResult = { observed: number; opened: number; resolved: number; notices: number };

export async function evaluateAlerts(options: { now?: Date; tenantIds?: readonly string[]; boss?: PgBoss } = {}): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const observed = await observeConditions({ now, tenantIds: options.tenantIds });
  const scope = options.tenantIds ? { tenantId: { in: [...options.tenantIds] } } : {};

  const opened = observed.length
    ? await db.$executeRaw`
        insert into "AlertCondition" (id, "tenantId", kind, key, detail, "startedAt", "lastSeenAt")
        select gen_random_uuid(), o.tenant_id, o.kind::"AlertKind", o.key, o.detail::jsonb, ${now}, ${now}
        from unnest(${observed.map((c) => c.tenantId)}::uuid[], ${observed.map((c) => c.kind)}::text[], ${observed.map((c) => c.key)}::text[],
                    ${observed.map((c) => JSON.stringify(c.detail))}::text[]) as o(tenant_id, kind, key, detail)
        on conflict ("tenantId", kind, key) where "resolvedAt" is null
        do update set detail = excluded.detail, "lastSeenAt" = greatest("AlertCondition"."lastSeenAt", excluded."lastSeenAt")`
    : 0;
  // Not seen by this evaluation (nor by a later one, which would have moved lastSeenAt past now): over.
  const { count: resolved } = await db.alertCondition.updateMany({
    where: { ...scope, resolvedAt: null, lastSeenAt: { lt: now }, tenant: { deletionRequestedAt: null } },
    data: { resolvedAt: now },
  });
  const notices = await sendDueNotices(now, scope, options.boss);
  return { observed: observed.length, opened, resolved, notices };
}

type Candidate = AlertCondition & { tenant: { settings: { alertReminderHours: number } | null } };

/** Claims and sends every notice that is due: starts, reminders, ends. */
async function sendDueNotices(now: Date, scope: { tenantId?: { in: string[] } }, boss: PgBoss | undefined): Promise<number> {
  const candidates: Candidate[] = await db.alertCondition.findMany({
    where: { ...scope, tenant: { deletionRequestedAt: null }, resolvedNotifiedAt: null },
    include: { tenant: { select: { settings: { select: { alertReminderHours: true } } } } },
    orderBy: { startedAt: "asc" },
  });
  let sent = 0;
  for (const condition of candidates) {
    const notice = await claimNotice(condition, now);
    if (!notice) continue;
    await sendAlertNotice({ condition: { ...condition, ...notice.after }, notice: notice.kind, number: notice.number, boss });
    sent++;
  }
  return sent;
}

/** The notice due for a condition, claimed for this evaluation alone; undefined when none is due or another took it. */
async function claimNotice(condition: Candidate, now: Date): Promise<{ kind: AlertNoticeKind; number: number; after: Partial<AlertCondition> } | undefined> {
  const asRead = { id: condition.id, notices: condition.notices, lastNotifiedAt: condition.lastNotifiedAt };
  if (condition.resolvedAt) {
    // Nobody heard it start (it ended before its first notice): nothing to say now either.
    const data = { resolvedNotifiedAt: now };
    const { count } = await db.alertCondition.updateMany({ where: { ...asRead, resolvedNotifiedAt: null }, data });
    return count === 1 && condition.notices > 0 ? { kind: "resolved", number: condition.notices, after: data } : undefined;
  }
  const reminderHours = condition.tenant.settings?.alertReminderHours ?? 0;
  const reminderDue = condition.lastNotifiedAt !== null && reminderHours > 0 && now.getTime() - condition.lastNotifiedAt.getTime() >= reminderHours * 3_600_000;
  if (condition.notices > 0 && !reminderDue) return undefined;
  const data = { notices: condition.notices + 1, lastNotifiedAt: now };
  const { count } = await db.alertCondition.updateMany({ where: { ...asRead, resolvedAt: null }, data });
  if (count !== 1) return undefined;
  return { kind: condition.notices === 0 ? "started" : "reminder", number: data.notices, after: data };
}
