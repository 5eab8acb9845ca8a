/**
 * The ledger: one SyncItem row per tenant, module and remote record (unique). It records what
 * became of each record (target id, state, attempts, last error, payload hash) and is what makes
 * order export exactly-once:
 *  - a DONE row is never sent again;
 *  - a row is claimed (attempts + 1, claimedAt) in its own statement before any remote write;
 *  - a row that was claimed before and is not DONE may have reached the remote: look before posting;
 *  - a claim is a lease: while it is fresh, another worker leaves the row alone.
 */
import { db, Prisma, type SyncItem } from "../../db";
import type { AppError } from "../../errors";
import { joinWaitingKeys } from "./waiting-for-keys";

/** Longer than any single remote write can take (POSTs are never retried; timeout 30 s). */
export const CLAIM_LEASE_MS = 120_000;

export async function findLedgerRows(tenantId: string, module: string, externalIds: string[]): Promise<Map<string, SyncItem>> {
  if (!externalIds.length) return new Map();
  const rows = await db.syncItem.findMany({ where: { tenantId, module, externalId: { in: externalIds } } });
  return new Map(rows.map((row) => [row.externalId, row]));
}

/** Creates PENDING rows for the records that have none, in one statement; existing rows stay as they are. */
export async function ensureLedgerRows(tenantId: string, module: string, externalIds: string[], runId: string): Promise<void> {
  if (!externalIds.length) return;
  await db.$executeRaw`
    insert into "SyncItem" (id, "tenantId", module, "externalId", state, "lastRunId", attempts, "createdAt", "updatedAt")
    select gen_random_uuid(), ${tenantId}::uuid, ${module}, e.external_id, 'PENDING', ${runId}::uuid, 0, now(), now()
    from unnest(${externalIds}::text[]) as e(external_id)
    on conflict ("tenantId", module, "externalId") do nothing`;
}

export type Claim = { row: SyncItem; claimedBefore: boolean };

/**
 * Claims a row for a remote write. Returns null when it is DONE, or leased by another worker.
 * The update is conditional on the row being as we read it, so two workers cannot both claim it.
 */
export async function claimLedgerRow(row: SyncItem, runId: string, now = new Date()): Promise<Claim | null> {
  if (row.state === "DONE") return null;
  if (row.state === "CLAIMED" && row.claimedAt && now.getTime() - row.claimedAt.getTime() < CLAIM_LEASE_MS && row.lastRunId !== runId) {
    return null;
  }
  // One round trip: the update only matches while the row is as we read it.
  const [claimed] = await db.$queryRaw<SyncItem[]>`
    update "SyncItem"
    set state = 'CLAIMED', attempts = attempts + 1, "claimedAt" = ${now}, "firstClaimedAt" = coalesce("firstClaimedAt", ${now}),
        "lastRunId" = ${runId}::uuid, "updatedAt" = now()
    where id = ${row.id}::uuid and "tenantId" = ${row.tenantId}::uuid and attempts = ${row.attempts} and state = ${row.state}::"ItemState"
    returning *`;
  if (!claimed) return null;
  return { row: claimed, claimedBefore: row.attempts > 0 };
}

export async function markLedgerDone(
  row: SyncItem,
  result: { targetId?: string | null; payloadHash?: string | null; meta?: object; runId: string },
): Promise<void> {
  await db.syncItem.updateMany({
    where: { id: row.id, tenantId: row.tenantId },
    data: {
      state: "DONE",
      targetId: result.targetId ?? row.targetId,
      payloadHash: result.payloadHash ?? row.payloadHash,
      ...(result.meta ? { meta: result.meta } : {}),
      lastError: null,
      errorCode: null,
      errorKind: null,
      errorParams: Prisma.DbNull,
      waitingFor: null,
      claimedAt: null,
      lastRunId: result.runId,
    },
  });
}

/**
 * Keeps a write's outcome on a row that is still claimed (its steps after the write are to come):
 * from here on the record is never written again, whatever happens to the steps.
 */
export async function markLedgerWritten(row: SyncItem, result: { targetId: string; meta?: object }): Promise<void> {
  await db.syncItem.updateMany({
    where: { id: row.id, tenantId: row.tenantId },
    data: { targetId: result.targetId, ...(result.meta ? { meta: result.meta } : {}) },
  });
}

/** Releases a claimed row whose record needs no write now (e.g. no longer in an exported status). */
export async function markLedgerSkipped(row: SyncItem): Promise<void> {
  // A settled row keeps no error text (only unsettled rows carry one: docs/privacy.md).
  await db.syncItem.updateMany({
    where: { id: row.id, tenantId: row.tenantId },
    data: { state: "SKIPPED", claimedAt: null, waitingFor: null, lastError: null, errorCode: null, errorKind: null, errorParams: Prisma.DbNull },
  });
}

/** What a FAILED record waits for (waiting-for.ts): the error's own `waitsFor` (a key or a list); nothing for transient errors. */
export function waitingForOf(error: AppError): string | null {
  const waitsFor = error.details?.waitsFor;
  if (error.retryable || waitsFor === undefined) return null;
  const keys = (Array.isArray(waitsFor) ? waitsFor : [waitsFor]).filter((key): key is string => typeof key === "string");
  return keys.length ? joinWaitingKeys(keys) : null;
}

/**
 * Records a failure. Transient errors leave the row PENDING (not final: a later run tries again and
 * the cursor waits for it); data and configuration errors make it FAILED until someone retries, or
 * until what it waits for changes.
 */
export async function markLedgerFailed(
  row: SyncItem,
  error: AppError,
  runId: string,
  written?: { targetId: string; meta?: object },
): Promise<"FAILED" | "PENDING"> {
  const state = error.retryable ? "PENDING" : "FAILED";
  await db.syncItem.updateMany({
    where: { id: row.id, tenantId: row.tenantId },
    data: {
      state,
      lastError: error.message.slice(0, 2000),
      errorCode: error.code,
      errorKind: error.kind,
      // With the code, the dashboard shows the error in the reader's language.
      errorParams: error.params ?? Prisma.DbNull,
      waitingFor: waitingForOf(error),
      claimedAt: null,
      lastRunId: runId,
      // A step after the write failed: the write itself stays recorded.
      ...(written ? { targetId: written.targetId, ...(written.meta ? { meta: written.meta } : {}) } : {}),
    },
  });
  return state;
}

/**
 * Gives a claimed row back as it was before the claim (state and attempts), for a record the remote
 * refused to take before doing anything (a long rate limit). A stale claim of a dead worker becomes
 * PENDING; the attempt count, which says whether an earlier attempt may have reached the remote, is
 * restored, so the recovery lookup still happens when it must.
 */
export async function releaseLedgerClaim(claimed: SyncItem, before: SyncItem): Promise<void> {
  await db.syncItem.updateMany({
    where: { id: claimed.id, tenantId: claimed.tenantId, state: "CLAIMED", attempts: claimed.attempts },
    data: { state: before.state === "CLAIMED" ? "PENDING" : before.state, attempts: before.attempts, claimedAt: null },
  });
}

export type CheckpointRow = {
  externalId: string;
  targetId: string | null;
  payloadHash: string | null;
  state: "DONE" | "FAILED" | "PENDING";
  /** Attempts since the record was last written successfully, this one included. */
  attempts: number;
  meta?: object | null;
  error?: AppError;
};

/** Upserts rows for many records in one statement (imports touch thousands per page). */
export async function upsertLedgerRows(tenantId: string, module: string, runId: string, rows: CheckpointRow[]): Promise<void> {
  if (!rows.length) return;
  // One round trip per page: INSERT ... ON CONFLICT DO UPDATE over unnest()ed arrays.
  await db.$executeRaw`
    insert into "SyncItem" (id, "tenantId", module, "externalId", "targetId", "payloadHash", state, meta, "lastError", "errorCode", "errorKind", "errorParams", "waitingFor", "lastRunId", attempts, "createdAt", "updatedAt")
    select gen_random_uuid(), ${tenantId}::uuid, ${module}, r.external_id, r.target_id, r.payload_hash, r.state::"ItemState", r.meta::jsonb,
           r.last_error, r.error_code, r.error_kind, r.error_params::jsonb, r.waiting_for, ${runId}::uuid, r.attempts, now(), now()
    from unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.targetId)}::text[], ${rows.map((r) => r.payloadHash)}::text[],
                ${rows.map((r) => r.state)}::text[], ${rows.map((r) => (r.meta ? JSON.stringify(r.meta) : null))}::text[],
                ${rows.map((r) => r.error?.message.slice(0, 2000) ?? null)}::text[], ${rows.map((r) => r.error?.code ?? null)}::text[],
                ${rows.map((r) => r.error?.kind ?? null)}::text[], ${rows.map((r) => (r.error?.params ? JSON.stringify(r.error.params) : null))}::text[],
                ${rows.map((r) => (r.error ? waitingForOf(r.error) : null))}::text[], ${rows.map((r) => r.attempts)}::int[])
      as r(external_id, target_id, payload_hash, state, meta, last_error, error_code, error_kind, error_params, waiting_for, attempts)
    on conflict ("tenantId", module, "externalId") do update set
      "targetId" = coalesce(excluded."targetId", "SyncItem"."targetId"),
      "payloadHash" = case when excluded.state = 'DONE' then excluded."payloadHash" else "SyncItem"."payloadHash" end,
      state = excluded.state,
      meta = coalesce(excluded.meta, "SyncItem".meta),
      "lastError" = excluded."lastError",
      "errorCode" = excluded."errorCode",
      "errorKind" = excluded."errorKind",
      "errorParams" = excluded."errorParams",
      "waitingFor" = excluded."waitingFor",
      "lastRunId" = excluded."lastRunId",
      attempts = excluded.attempts,
      "updatedAt" = now()`;
}
