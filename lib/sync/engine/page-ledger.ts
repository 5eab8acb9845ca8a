/**
 * The ledger as the engine uses it, one page of records at a time. Two policies (see
 * LedgerPolicy in define-sync-module.ts) and a read-only variant for dry runs:
 *  - claim: rows for every record of the page are created in one statement and read in one; each
 *    record is claimed (one conditional UPDATE) before its write and its outcome stored at once;
 *  - checkpoint: the page's rows are read in one statement; outcomes are kept in memory and stored
 *    in one statement when the page is done;
 *  - read-only: reads like the others, claims and stores nothing.
 */
import type { SyncItem } from "../../db";
import type { AppError } from "../../errors";
import {
  claimLedgerRow,
  ensureLedgerRows,
  findLedgerRows,
  markLedgerDone,
  markLedgerFailed,
  markLedgerSkipped,
  markLedgerWritten,
  releaseLedgerClaim,
  upsertLedgerRows,
  type CheckpointRow,
} from "./ledger";

/** A write's outcome: the remote record's id and what the module keeps about it. */
export type WrittenOutcome = { targetId: string; meta?: object };

export type RecordClaim = {
  /** Attempts since the record was last written successfully, this one included. */
  attempt: number;
  /** An earlier attempt may have reached the remote: look there before writing. */
  claimedBefore: boolean;
};

export interface PageLedger {
  readonly rows: ReadonlyMap<string, SyncItem>;
  /** The record's outcome is final for this policy (claim: DONE, or FAILED until someone retries it). */
  settled(externalId: string): boolean;
  /** Takes the record for a write; null when it is done or leased by another worker. */
  claim(externalId: string): Promise<RecordClaim | null>;
  written(externalId: string, result: { targetId: string; payloadHash: string | null; meta?: object }): Promise<void>;
  /** The write is done but steps after it are still to come: keep its outcome now (claim policy). */
  progress(externalId: string, written: WrittenOutcome): Promise<void>;
  /** The record needs no write (unchanged, or not for this module now). */
  skipped(externalId: string): Promise<void>;
  /** Transient errors leave the record PENDING, others make it FAILED; `written`: a step after the write failed. */
  failed(externalId: string, error: AppError, written?: WrittenOutcome): Promise<void>;
  /** The remote refused to take the record now (a long rate limit): as before the claim, the attempt not counted. */
  released(externalId: string): Promise<void>;
  /** Stores what is still held in memory (checkpoint policy). */
  commit(): Promise<void>;
}

export type LedgerScope = { tenantId: string; module: string; runId: string };
export type LedgerKind = "claim" | "checkpoint" | "read-only claim" | "read-only checkpoint";

export async function openPageLedger(kind: LedgerKind, scope: LedgerScope, externalIds: string[]): Promise<PageLedger> {
  if (kind === "claim") await ensureLedgerRows(scope.tenantId, scope.module, externalIds, scope.runId);
  const rows = await findLedgerRows(scope.tenantId, scope.module, externalIds);
  if (kind === "claim") return new ClaimingLedger(scope, rows);
  if (kind === "checkpoint") return new CheckpointLedger(scope, rows);
  return new ReadOnlyLedger(rows, kind === "read-only claim");
}

/** Attempts start again at 1 once a record was written (or skipped) successfully. */
export function nextAttempt(previous: SyncItem | undefined): number {
  if (!previous || previous.state === "DONE" || previous.state === "SKIPPED") return 1;
  return previous.attempts + 1;
}

class ClaimingLedger implements PageLedger {
  private readonly claimed = new Map<string, SyncItem>();

  constructor(
    private readonly scope: LedgerScope,
    readonly rows: Map<string, SyncItem>,
  ) {}

  settled(externalId: string): boolean {
    const state = this.rows.get(externalId)?.state;
    return state === "DONE" || state === "FAILED";
  }

  async claim(externalId: string): Promise<RecordClaim | null> {
    const row = this.rows.get(externalId);
    if (!row) return null;
    const claim = await claimLedgerRow(row, this.scope.runId);
    if (!claim) return null;
    this.claimed.set(externalId, claim.row);
    return { attempt: claim.row.attempts, claimedBefore: claim.claimedBefore };
  }

  async written(externalId: string, result: { targetId: string; payloadHash: string | null; meta?: object }): Promise<void> {
    await markLedgerDone(this.claimedRow(externalId), { ...result, runId: this.scope.runId });
  }

  async progress(externalId: string, written: WrittenOutcome): Promise<void> {
    await markLedgerWritten(this.claimedRow(externalId), written);
  }

  async skipped(externalId: string): Promise<void> {
    await markLedgerSkipped(this.claimedRow(externalId));
  }

  async failed(externalId: string, error: AppError, written?: WrittenOutcome): Promise<void> {
    await markLedgerFailed(this.claimedRow(externalId), error, this.scope.runId, written);
  }

  async released(externalId: string): Promise<void> {
    await releaseLedgerClaim(this.claimedRow(externalId), this.rows.get(externalId)!);
  }

  async commit(): Promise<void> {}

  private claimedRow(externalId: string): SyncItem {
    const row = this.claimed.get(externalId);
    if (!row) throw new Error(`Ledger row ${externalId} was not claimed before its outcome was recorded.`);
    return row;
  }
}

class CheckpointLedger implements PageLedger {
  private readonly pending: CheckpointRow[] = [];

  constructor(
    private readonly scope: LedgerScope,
    readonly rows: Map<string, SyncItem>,
  ) {}

  settled(): boolean {
    return false;
  }

  async claim(externalId: string): Promise<RecordClaim> {
    return { attempt: nextAttempt(this.rows.get(externalId)), claimedBefore: false };
  }

  async written(externalId: string, result: { targetId: string; payloadHash: string | null; meta?: object }): Promise<void> {
    this.pending.push({ externalId, ...result, meta: result.meta ?? null, state: "DONE", attempts: nextAttempt(this.rows.get(externalId)) });
  }

  /** Checkpoint rows are stored with the page; the outcome goes with `written` or `failed`. */
  async progress(): Promise<void> {}

  async skipped(externalId: string): Promise<void> {
    // A row left PENDING or FAILED that needs no write after all is settled now; no row, no news.
    const previous = this.rows.get(externalId);
    if (previous && previous.state !== "DONE") {
      this.pending.push({ externalId, targetId: previous.targetId, payloadHash: previous.payloadHash, state: "DONE", attempts: previous.attempts });
    }
  }

  async failed(externalId: string, error: AppError, written?: WrittenOutcome): Promise<void> {
    const previous = this.rows.get(externalId);
    this.pending.push({
      externalId,
      targetId: written?.targetId ?? previous?.targetId ?? null,
      payloadHash: null,
      state: error.retryable ? "PENDING" : "FAILED",
      attempts: nextAttempt(previous),
      ...(written?.meta ? { meta: written.meta } : {}),
      error,
    });
  }

  async released(): Promise<void> {
    // Nothing was stored for the record in this run: its row stays as it was.
  }

  async commit(): Promise<void> {
    await upsertLedgerRows(this.scope.tenantId, this.scope.module, this.scope.runId, this.pending.splice(0));
  }
}

/** For dry runs: the same reads and decisions, nothing stored. */
class ReadOnlyLedger implements PageLedger {
  constructor(
    readonly rows: Map<string, SyncItem>,
    private readonly claimPolicy: boolean,
  ) {}

  settled(externalId: string): boolean {
    const state = this.rows.get(externalId)?.state;
    return this.claimPolicy && (state === "DONE" || state === "FAILED");
  }

  async claim(externalId: string): Promise<RecordClaim | null> {
    const row = this.rows.get(externalId);
    if (this.claimPolicy && row?.state === "DONE") return null;
    return { attempt: nextAttempt(row), claimedBefore: this.claimPolicy && (row?.attempts ?? 0) > 0 };
  }

  async written(): Promise<void> {}
  async progress(): Promise<void> {}
  async skipped(): Promise<void> {}
  async failed(): Promise<void> {}
  async released(): Promise<void> {}
  async commit(): Promise<void> {}
}
