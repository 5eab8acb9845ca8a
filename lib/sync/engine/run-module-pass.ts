/**
 * The one engine skeleton every module runs on (see docs/architecture.md):
 *
 *   read pages → ledger → claim → map → write → checkpoint → cursor
 *
 *  1. Ledger rows to try again come first: those a person chose (a RETRY run handles only them),
 *     or, for cursors that move past unfinished records, the rows earlier runs left PENDING, and
 *     rows FAILED for a configuration reason whose fix has arrived (waiting-for.ts).
 *  2. Then the records changed since the cursor, page by page. Per page: the ledger rows in one or
 *     two statements, the module's bulk preparation, then each record with bounded concurrency:
 *     claim it, look for an earlier attempt's write (claim ledgers), map it, write it, record the
 *     outcome. Checkpoint ledgers store the page's outcomes in one statement at the end.
 *  3. The cursor moves only after a complete pass, by the module's cursor policy.
 *
 * A record failing transiently stays PENDING and is tried again later, up to the module's
 * `perRecordAttempts`; then it fails for a person to look at (RETRIES_EXHAUSTED), so it cannot
 * hold anything up forever. After `MAX_TRANSIENT_IN_A_ROW` transient failures in a row the remote
 * is down: the run takes no more records and leaves the cursor where it was. A remote that allows
 * no requests for a while (a long rate limit, rate-limit-pause.ts) stops the pass at once: the
 * record gets its attempt back, the cursor stays, and the run ends RATE_LIMITED.
 *
 * A re-import carries its date in the run (`ctx.reimportFrom`): the pass reads from that date (or
 * from the stored cursor, when that is older) and never rewrites the cursor anywhere else, so a run
 * in progress or one queued before it cannot undo it.
 *
 * A dry run (`options.dryRun`) reads and maps exactly like a real run, but its write step is the
 * recorder: nothing is written to a remote, to the ledger or to the cursor.
 */
import pLimit from "p-limit";
import { db } from "../../db";
import { AppError, quoteDate, quoteError, toAppError } from "../../errors";
import { logLine } from "../../logs/log-line";
import { readCursor, writeCursor, type CursorPolicy, type RecordOutcome } from "./cursor";
import { recordWords, type AnySyncModule, type FollowUpStep, type PlannedWrite, type Written } from "./define-sync-module";
import { openPageLedger, type LedgerKind, type PageLedger } from "./page-ledger";
import { RateLimitPause } from "./rate-limit-pause";
import type { SyncRunContext } from "./run-context";
import { TransientStreak } from "./transient-streak";
import { rowsWhoseFixArrived, waitedForOf } from "./waiting-for";
import type { WriteRecorder } from "./write-recorder";

/** After this many transient failures in a row the remote is down: stop and let a later run go on. */
export const MAX_TRANSIENT_IN_A_ROW = 10;
/** At most this many unfinished ledger rows are read again at the start of a run. */
const RETRY_ROWS_PER_RUN = 5_000;
/** Claim ledgers write slowly, one record at a time: show progress this often within a page. */
const CLAIM_PROGRESS_EVERY = 25;

export type PassOptions = { dryRun?: WriteRecorder };

export async function runModulePass(ctx: SyncRunContext, module: AnySyncModule, options: PassOptions = {}): Promise<void> {
  await new ModulePass(ctx, module, options.dryRun).run();
}

type Item = unknown;

class ModulePass {
  private readonly streak = new TransientStreak(MAX_TRANSIENT_IN_A_ROW);
  private readonly pause = new RateLimitPause();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly ledgerKind: LedgerKind;
  /** Outcomes of records already handled in this run (retried rows): the pass does not take them again. */
  private readonly handled = new Map<string, RecordOutcome>();
  private state: unknown;

  constructor(
    private readonly ctx: SyncRunContext,
    private readonly module: AnySyncModule,
    private readonly dryRun: WriteRecorder | undefined,
  ) {
    this.limit = pLimit(module.concurrency());
    const mode = module.ledger.mode;
    this.ledgerKind = dryRun ? (mode === "claim" ? "read-only claim" : "read-only checkpoint") : mode;
  }

  private get steps() {
    return this.module.steps;
  }

  async run(): Promise<void> {
    const { ctx, module } = this;
    const passStartedAt = new Date();
    this.state = await this.steps.open(ctx, { httpAttempts: module.retry.httpAttempts });
    const stored = await readCursor(ctx.tenantId, module.id, module.cursor.codec);
    const position = ctx.reimportFrom ? reimportPosition(module.cursor, ctx.reimportFrom, stored) : stored;

    if (ctx.itemIds?.length) {
      await this.retryLedgerRows({ ids: ctx.itemIds });
      this.pause.throwIfPaused();
      return; // a retry run handles only the chosen records
    }
    if (module.cursor.retriesUnfinishedFromLedger) await this.retryLedgerRows({ unfinished: true });
    this.pause.throwIfPaused();
    if (this.stoppedByStreak()) return;
    await this.retryRowsWhoseFixArrived();
    if (this.stoppedByStreak()) return;

    if (ctx.reimportFrom) ctx.log.info(logLine("reimportSince", { since: quoteDate(ctx.reimportFrom) }));
    ctx.log.info(module.cursor.describe(position));
    const force = ctx.reimportFrom !== undefined;
    const pass = module.cursor.begin(position, passStartedAt);
    let pending = 0;
    // A page that cannot be read ends the run here (the error propagates), so the cursor stays.
    for await (const page of this.steps.read(this.state, module.cursor.readFrom(position))) {
      if (page.totalCount !== undefined) ctx.total = page.totalCount;
      pass.observePage?.(page);
      const selected = this.steps.select ? page.items.filter((item: Item) => this.steps.select!(this.state, item)) : page.items;
      const outcomes = await this.processRecords(selected, { force, addToTotal: page.totalCount === undefined });
      for (const item of page.items) pass.observe(item, outcomes.get(this.steps.externalIdOf(item)));
      pending += [...outcomes.values()].filter((outcome) => outcome === "pending").length;
      await ctx.flush();
      this.pause.throwIfPaused();
      if (this.stoppedByStreak()) return;
    }
    if (pending) ctx.log.warn(logLine("pendingLeft", { recordsOf: module.slug, count: pending }));
    const next = pass.next();
    if (next !== null && !this.dryRun) await writeCursor(ctx.tenantId, module.id, module.cursor.codec, next);
  }

  /** The remote keeps failing: stop here, leaving the cursor where it was. */
  private stoppedByStreak(): boolean {
    if (!this.streak.broken) return false;
    this.ctx.log.warn(logLine("stoppedAfterFailures", { count: this.streak.length }));
    return true;
  }

  /** Reads chosen (or unfinished) ledger rows' records again and handles them like a page. */
  private async retryLedgerRows(selection: { ids: string[] } | { unfinished: true }): Promise<void> {
    const { ctx, module } = this;
    const rows = await db.syncItem.findMany({
      where: { tenantId: ctx.tenantId, module: module.id, ...("ids" in selection ? { id: { in: selection.ids } } : { state: "PENDING" }) },
      take: RETRY_ROWS_PER_RUN,
    });
    if (!rows.length) return;
    const items: Item[] = [];
    const gone: string[] = [];
    for (const row of rows) {
      try {
        const item = await this.steps.readOne(this.state, row.externalId);
        if (item === undefined) gone.push(row.externalId);
        else items.push(item);
      } catch (caught) {
        const error = toAppError(caught);
        if (this.pause.met(error)) break; // the remote takes no requests now: handle what was read
        ctx.log.warn(logLine("rereadFailed", { recordsOf: module.slug, externalId: row.externalId, error: quoteError(error) }));
      }
    }
    if (gone.length) await this.settleGone(gone);
    // Retried records are written even when their hash says unchanged (e.g. the picture is sent again).
    await this.processRecords(items, { force: true, addToTotal: true, retry: true });
    await ctx.flush();
  }

  /** FAILED rows waiting for a fix (a mapping, a setting, a remote record) that has arrived since they failed. */
  private async retryRowsWhoseFixArrived(): Promise<void> {
    const { ctx, module, steps } = this;
    const waiting = await db.syncItem.findMany({
      where: { tenantId: ctx.tenantId, module: module.id, state: "FAILED", waitingFor: { not: null } },
      select: { id: true, waitingFor: true, updatedAt: true },
      orderBy: { updatedAt: "asc" },
      take: RETRY_ROWS_PER_RUN,
    });
    if (!waiting.length) return;
    let ready;
    try {
      ready = await rowsWhoseFixArrived(
        ctx.tenantId,
        waiting.map((row) => ({ id: row.id, waitingFor: row.waitingFor!, updatedAt: row.updatedAt })),
        steps.changedRemotely ? (keys, since) => steps.changedRemotely!(this.state, keys, since) : undefined,
      );
    } catch (caught) {
      ctx.log.warn(logLine("fixCheckFailed", { recordsOf: module.slug, count: waiting.length, error: quoteError(toAppError(caught)) }));
      return;
    }
    if (!ready.length) return;
    ctx.log.info(logLine("fixArrived", { recordsOf: module.slug, count: ready.length, waitedFor: waitedForOf(ready.map((row) => row.waitingFor)) }));
    await this.retryLedgerRows({ ids: ready.map((row) => row.id) });
  }

  /** Records the remote no longer has: nothing to write, so their rows stop waiting. */
  private async settleGone(externalIds: string[]): Promise<void> {
    const ledger = await openPageLedger(this.ledgerKind, this.scope(), externalIds);
    for (const externalId of externalIds) {
      if (!(await ledger.claim(externalId))) continue;
      await ledger.skipped(externalId);
      this.ctx.log.info(logLine("goneInSource", { recordsOf: this.module.slug, externalId }));
    }
    await ledger.commit();
  }

  private async processRecords(items: Item[], options: { force: boolean; addToTotal: boolean; retry?: boolean }): Promise<Map<string, RecordOutcome>> {
    const outcomes = new Map<string, RecordOutcome>();
    if (!items.length) return outcomes;
    const { ctx, steps } = this;
    const ledger = await openPageLedger(
      this.ledgerKind,
      this.scope(),
      items.map((item) => steps.externalIdOf(item)),
    );
    await steps.preparePage?.(this.state, items, ledger.rows);
    // Settled records (e.g. orders done or failed earlier) keep their outcome until someone retries
    // them; a record retried earlier in this run is not taken twice.
    const todo: Item[] = [];
    for (const item of items) {
      const externalId = steps.externalIdOf(item);
      const earlier = this.handled.get(externalId);
      if (earlier) outcomes.set(externalId, earlier);
      else if (!options.retry && ledger.settled(externalId)) outcomes.set(externalId, "skipped");
      else todo.push(item);
    }
    if (options.addToTotal) ctx.total = (ctx.total ?? 0) + todo.length;
    if (todo.length) ctx.log.info(logLine("pageSummary", { recordsOf: this.module.slug, count: items.length, todo: todo.length }));

    await Promise.all(
      todo.map((item) =>
        this.limit(async () => {
          outcomes.set(steps.externalIdOf(item), await this.processRecord(ledger, item, options.force));
          if (this.module.ledger.mode === "claim" && ctx.counts.processed % CLAIM_PROGRESS_EVERY === 0) await ctx.flush();
        }),
      ),
    );
    await ledger.commit();
    if (options.retry) for (const [externalId, outcome] of outcomes) this.handled.set(externalId, outcome);
    return outcomes;
  }

  private async processRecord(ledger: PageLedger, item: Item, force: boolean): Promise<RecordOutcome> {
    const { ctx, steps } = this;
    const externalId: string = steps.externalIdOf(item);
    // The remote is down or takes no requests now: leave the record as it is, without spending one of its attempts.
    if (this.streak.broken || this.pause.paused) return "pending";
    const claim = await ledger.claim(externalId);
    if (!claim) return ledger.rows.get(externalId)?.state === "DONE" ? "skipped" : "pending";
    let written = this.earlierWrite(ledger.rows.get(externalId));
    const stored = written !== undefined;
    let payloadHash: string | null = null;
    try {
      if (written) {
        ctx.log.info(logLine("resumingSteps", { recordsOf: this.module.slug, externalId, targetId: written.targetId }));
      } else {
        const outcome = await this.writeRecord(ledger, item, externalId, claim.claimedBefore, force);
        if (outcome.skipped) return "skipped";
        ({ written, payloadHash } = outcome);
      }
      written = await this.runFollowUps(ledger, item, externalId, written, { persistFirst: !stored });
      await ledger.written(externalId, { targetId: written.targetId, payloadHash, meta: written.meta });
      if (stored) ctx.count("updated");
      this.streak.answered();
    } catch (caught) {
      return this.recordFailure(ledger, externalId, caught, claim.attempt, written);
    }
    return "written";
  }

  /** The claim ledger's record of a write an earlier attempt finished (only its steps may be left). */
  private earlierWrite(row: { targetId: string | null; meta: unknown } | undefined): Written | undefined {
    if (this.module.ledger.mode !== "claim" || !row?.targetId) return undefined;
    const meta = row.meta !== null && typeof row.meta === "object" && !Array.isArray(row.meta) ? (row.meta as Record<string, unknown>) : {};
    return { targetId: row.targetId, meta };
  }

  /** Proof of absence (claim ledgers), then map and write. */
  private async writeRecord(
    ledger: PageLedger,
    item: Item,
    externalId: string,
    claimedBefore: boolean,
    force: boolean,
  ): Promise<{ skipped: true } | { skipped: false; written: Written; payloadHash: string | null }> {
    const { ctx, module, steps } = this;
    if (module.ledger.mode === "claim") {
      // Never write without proof that the remote does not have the record yet.
      const found = await module.ledger.recover(this.state, externalId, item, { claimedBefore });
      if (found) {
        ctx.count("created");
        ctx.log.info(logLine("recovered", { recordsOf: module.slug, externalId, targetId: found.targetId }));
        return { skipped: false, written: found, payloadHash: null };
      }
    }
    const plan = await steps.map(this.state, item, ledger.rows.get(externalId), { force });
    if (plan.action === "skip") {
      await ledger.skipped(externalId);
      this.dryRun?.skipped(externalId, plan.reason);
      ctx.count("skipped");
      return { skipped: true };
    }
    const written = await this.write(plan, item, externalId);
    ctx.count(plan.action === "create" ? "created" : "updated");
    return { skipped: false, written, payloadHash: plan.payloadHash };
  }

  /**
   * The module's steps after the write, those that apply and are not done yet, in order. The write's
   * outcome is stored first, so whatever happens to a step the record is never written again.
   */
  private async runFollowUps(ledger: PageLedger, item: Item, externalId: string, written: Written, options: { persistFirst: boolean }): Promise<Written> {
    const followUps = (this.steps.followUps ?? []) as FollowUpStep<unknown, Item>[];
    const done = doneFollowUps(written.meta);
    const todo = followUps.filter((step) => !done[step.id] && step.applies(this.state, item, written));
    if (!todo.length) return written;
    if (this.dryRun) {
      for (const step of todo)
        this.dryRun.planned(externalId, { action: "update", target: recordWords("followUp", { step: step.id }, step.label), payload: null, payloadHash: null });
      return written;
    }
    if (options.persistFirst) await ledger.progress(externalId, written);
    let current = written;
    for (const step of todo) {
      try {
        const details = await step.run(this.state, item, current);
        current = { ...current, meta: { ...current.meta, ...details, followUps: { ...doneFollowUps(current.meta), [step.id]: "done" } } };
      } catch (caught) {
        throw new FollowUpFailure(step, current, caught);
      }
    }
    return current;
  }

  /** The write step, or in a dry run the recorder in its place. */
  private write(plan: PlannedWrite<unknown>, item: Item, externalId: string): Promise<Written> {
    if (this.dryRun) return Promise.resolve(this.dryRun.planned(externalId, plan));
    return this.steps.write(this.state, plan, item);
  }

  private async recordFailure(
    ledger: PageLedger,
    externalId: string,
    caught: unknown,
    attempt: number,
    writtenBefore: Written | undefined,
  ): Promise<RecordOutcome> {
    const { ctx, module, steps } = this;
    const failure = caught instanceof FollowUpFailure ? caught : undefined;
    let error = toAppError(failure ? failure.cause : caught);
    const written = failure?.written ?? writtenBefore;
    // Refused before anything was done (429, or not sent at all): not an attempt of this record.
    // After a write, the failure is recorded as usual (PENDING, with what was written) and the run stops all the same.
    if (this.pause.met(error) && !written) {
      await ledger.released(externalId);
      return "pending";
    }
    if (steps.explainError) error = steps.explainError(error);
    if (failure) {
      // The write happened; only this step failed, and a retry resumes here.
      // It keeps the step's error code (its kind decides retry), worded by errors.anyCode.stepFailed.
      const name = `${module.recordName.charAt(0).toUpperCase()}${module.recordName.slice(1)} ${externalId}`;
      error = new AppError(error.code, `${name} was written (${failure.written.targetId}), but the step "${failure.step.label}" failed: ${error.message}`, {
        details: { ...error.details, step: failure.step.id, targetId: failure.written.targetId },
        params: {
          variant: "stepFailed",
          recordsOf: module.slug,
          externalId,
          targetId: failure.written.targetId,
          step: failure.step.id,
          error: quoteError(error),
        },
        cause: error,
      });
    }
    // A record that keeps failing "transiently" (say, a response that never parses) must not wait
    // forever: after enough attempts it fails for a person to look at.
    if (error.retryable && attempt >= module.retry.perRecordAttempts) {
      error = new AppError("RETRIES_EXHAUSTED", `Tried ${attempt} times without success; the last error was: ${error.message}`, {
        details: error.details,
        params: { attempts: attempt, lastError: quoteError(error) },
        cause: error,
      });
    }
    await ledger.failed(externalId, error, written);
    this.dryRun?.failed(externalId, error);
    if (error.retryable) {
      this.streak.transientFailure();
      ctx.log.warn(logLine("recordPending", { recordsOf: module.slug, externalId, error: quoteError(error) }), { code: error.code });
      return "pending";
    }
    this.streak.answered();
    ctx.count("failed");
    ctx.log.error(logLine("recordFailed", { recordsOf: module.slug, externalId, error: quoteError(error) }), { code: error.code });
    if (!this.dryRun) await steps.onFailed?.(this.state, externalId, error);
    return "failed";
  }

  private scope() {
    return { tenantId: this.ctx.tenantId, module: this.module.id, runId: this.ctx.runId };
  }
}

/**
 * Where a re-import reads from: its date, or the stored cursor when that is older (a re-import
 * must not skip changes the regular runs have not read yet, since it moves the cursor on at the end).
 */
function reimportPosition<Position>(cursor: CursorPolicy<Position, unknown, unknown>, from: Date, stored: Position | null): Position {
  if (!cursor.rewindTo) throw new AppError("JOB_PAYLOAD_INVALID", "This module cannot re-import from a date.");
  return cursor.rewindTo(from, stored);
}

/** A step after the write failed: the write's outcome goes to the ledger with the failure. */
class FollowUpFailure extends Error {
  constructor(
    readonly step: { id: string; label: string },
    readonly written: Written,
    override readonly cause: unknown,
  ) {
    super(`The step "${step.label}" failed.`);
  }
}

/** The steps after the write a ledger row records as done: `meta.followUps = { <step id>: "done" }`. */
function doneFollowUps(meta: Record<string, unknown> | undefined): Record<string, "done"> {
  const recorded = meta?.followUps;
  if (recorded === null || typeof recorded !== "object" || Array.isArray(recorded)) return {};
  return Object.fromEntries(Object.entries(recorded).filter(([, state]) => state === "done")) as Record<string, "done">;
}
