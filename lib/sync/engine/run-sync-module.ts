/**
 * Runs one sync module for one tenant, inside a SyncRun record: QUEUED → RUNNING → SUCCEEDED,
 * PARTIAL (some records failed), FAILED (the run itself could not proceed) or RATE_LIMITED (a
 * remote allows no requests before `rateLimitedUntil`; the job handler queues the next run for
 * then). The module's definition says what the run does (lib/sync/modules); the pass is
 * run-module-pass.ts; this file owns the run's lifecycle and checks the module's prerequisites first.
 *
 * A dry run (`dryRun: true`) goes the same way with the write step replaced by a recorder: its
 * counts say what a run would do, and what the recorder found is stored on the run (dryRunResult).
 */
import { recordConnectionHealth } from "../../connections/record-connection-health";
import { db, Prisma, type RunStatus } from "../../db";
import { AppError, quoteDate, quoteError, toAppError } from "../../errors";
import type { SyncJobPayload } from "../../jobs/queues";
import { logLine } from "../../logs/log-line";
import { recordSyncRun } from "../../metrics/metrics";
import { settingsFromRow } from "../../settings/defaults";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";
import { assertPrerequisites } from "./prerequisites";
import { rateLimitPauseUntil } from "./rate-limit-pause";
import { runModulePass } from "./run-module-pass";
import { SyncRunContext, type RunCounts } from "./run-context";
import { WriteRecorder, type DryRunResult } from "./write-recorder";

export type RunSummary = {
  runId: string;
  tenantId: string;
  module: string;
  status: RunStatus;
  counts: RunCounts;
  remoteCalls: unknown;
  durationMs: number;
  error?: string;
  /** RATE_LIMITED (the run stopped) or QUEUED (it did not start): run the module again at this time. */
  rateLimitedUntil?: Date;
  dryRun?: DryRunResult;
};

/** The module's latest finished run said "rate-limited until" a time still to come: that time. */
async function rateLimitStillInForce(tenantId: string, module: string, now = new Date()): Promise<Date | undefined> {
  const latest = await db.syncRun.findFirst({
    where: { tenantId, module, finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { status: true, rateLimitedUntil: true },
  });
  return latest?.status === "RATE_LIMITED" && latest.rateLimitedUntil && latest.rateLimitedUntil > now ? latest.rateLimitedUntil : undefined;
}

export async function runSyncModule(input: SyncJobPayload & { jobId?: string }, registry: ModuleRegistry = SYNC_MODULES): Promise<RunSummary> {
  const dryRun = input.dryRun === true;
  const module = registry.get(input.module);
  const tenant = await db.tenant.findUnique({ where: { id: input.tenantId }, include: { settings: true } });
  if (!tenant?.settings) throw new AppError("JOB_PAYLOAD_INVALID", `Job names tenant ${input.tenantId}, which does not exist.`);

  // The singleton key guarantees no other job of this tenant module is active now, so a RUNNING
  // run left behind belongs to a worker that died; close it so the dashboard tells the truth.
  await db.syncRun.updateMany({
    where: { tenantId: input.tenantId, module: module.id, status: "RUNNING", ...(input.runId ? { NOT: { id: input.runId } } : {}) },
    data: {
      status: "FAILED",
      finishedAt: new Date(),
      error: "The worker stopped before this run finished; a later run picked up the work.",
      errorCode: "RUN_INTERRUPTED",
      errorParams: {},
    },
  });

  const existing = input.runId ? await db.syncRun.findFirst({ where: { id: input.runId, tenantId: input.tenantId } }) : null;

  // A job queued before the module was rate-limited (or started early) waits for the limit to end
  // without spending a request on it: its run stays QUEUED and the job handler sends it again for then.
  const waitUntil = await rateLimitStillInForce(input.tenantId, module.id);
  if (waitUntil) {
    const waiting = existing
      ? await db.syncRun.update({ where: { id: existing.id }, data: { status: "QUEUED", rateLimitedUntil: waitUntil } })
      : await db.syncRun.create({
          data: { tenantId: input.tenantId, module: module.id, trigger: input.trigger, status: "QUEUED", rateLimitedUntil: waitUntil, dryRun },
        });
    const zero = { processed: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
    return {
      runId: waiting.id,
      tenantId: input.tenantId,
      module: module.id,
      status: "QUEUED",
      counts: zero,
      remoteCalls: {},
      durationMs: 0,
      rateLimitedUntil: waitUntil,
    };
  }

  const run = existing
    ? await db.syncRun.update({
        where: { id: existing.id },
        data: {
          status: "RUNNING",
          startedAt: new Date(),
          jobId: input.jobId ?? existing.jobId,
          error: null,
          errorCode: null,
          errorParams: Prisma.DbNull,
          rateLimitedUntil: null,
        },
      })
    : await db.syncRun.create({
        data: { tenantId: input.tenantId, module: module.id, trigger: input.trigger, status: "RUNNING", startedAt: new Date(), jobId: input.jobId, dryRun },
      });

  const started = Date.now();
  const ctx = new SyncRunContext(
    { id: tenant.id, slug: tenant.slug, name: tenant.name },
    run.id,
    module.id,
    settingsFromRow(tenant.settings),
    input.trigger,
    input.itemIds,
    input.reimportFrom ? new Date(input.reimportFrom) : undefined,
  );
  ctx.log.info(logLine("runStarted", { trigger: input.trigger }));
  let error: AppError | undefined;
  let pausedUntil: Date | undefined;
  const recorder = dryRun ? new WriteRecorder() : undefined;
  if (recorder) ctx.log.info(logLine("dryRunStarted", {}));
  try {
    await assertPrerequisites(module.prerequisites, tenant.id, { dryRun });
    await runModulePass(ctx, module, { dryRun: recorder });
  } catch (caught) {
    error = toAppError(caught);
    pausedUntil = rateLimitPauseUntil(error);
    if (pausedUntil) ctx.log.warn(logLine("runPaused", { error: quoteError(error), until: quoteDate(pausedUntil) }), { code: error.code });
    else ctx.log.error(logLine("runStopped", { error: quoteError(error) }), { code: error.code });
  }
  await ctx.flush();
  await recordConnectionHealth(input.tenantId, error);

  const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const status: RunStatus = pausedUntil ? "RATE_LIMITED" : error ? "FAILED" : finished.failed > 0 ? "PARTIAL" : "SUCCEEDED";
  const dryRunResult = recorder?.result();
  await db.syncRun.update({
    where: { id: run.id },
    data: {
      status,
      finishedAt: new Date(),
      error: error?.message ?? null,
      errorCode: error?.code ?? null,
      errorParams: error?.params ?? Prisma.DbNull,
      rateLimitedUntil: pausedUntil ?? null,
      ...(dryRunResult ? { dryRunResult: dryRunResult as object } : {}),
    },
  });
  const counts = { processed: finished.processed, created: finished.created, updated: finished.updated, skipped: finished.skipped, failed: finished.failed };
  const finishedLine = { created: counts.created, updated: counts.updated, skipped: counts.skipped, failed: counts.failed };
  if (!error) ctx.log.info(dryRun ? logLine("dryRunFinished", finishedLine) : logLine("runFinished", finishedLine));
  await ctx.log.flush();
  // Sync metrics count what reached the remotes; a dry run wrote nothing.
  if (!dryRun) recordSyncRun({ module: input.module, status, durationMs: Date.now() - started, counts });
  // pg-boss retries a job whose run failed transiently; a rate-limited one is queued anew for its time instead.
  if (error?.retryable && !pausedUntil) throw error;

  return {
    runId: run.id,
    tenantId: input.tenantId,
    module: module.id,
    status,
    counts,
    remoteCalls: finished.remoteCalls,
    durationMs: Date.now() - started,
    ...(error ? { error: error.message } : {}),
    ...(pausedUntil ? { rateLimitedUntil: pausedUntil } : {}),
    ...(dryRunResult ? { dryRun: dryRunResult } : {}),
  };
}
