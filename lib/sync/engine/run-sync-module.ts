/**
 * Runs one sync module for one tenant, inside a SyncRun record: QUEUED → RUNNING → SUCCEEDED,
 * PARTIAL (some records failed) or FAILED (the run itself could not proceed). The module's
 * definition says what the run does (lib/sync/modules); the pass is run-module-pass.ts; this file
 * owns the run's lifecycle and checks the module's prerequisites first.
 */
import { recordConnectionHealth } from "../../connections/record-connection-health";
import { db, Prisma, type RunStatus } from "../../db";
import { AppError, quoteError, toAppError } from "../../errors";
import type { SyncJobPayload } from "../../jobs/queues";
import { logLine } from "../../logs/log-line";
import { recordSyncRun } from "../../metrics/metrics";
import { settingsFromRow } from "../../settings/defaults";
import { SYNC_MODULES } from "../modules";
import type { ModuleRegistry } from "./module-registry";
import { assertPrerequisites } from "./prerequisites";
import { runModulePass } from "./run-module-pass";
import { SyncRunContext, type RunCounts } from "./run-context";

export type RunSummary = {
  runId: string;
  tenantId: string;
  module: string;
  status: RunStatus;
  counts: RunCounts;
  remoteCalls: unknown;
  durationMs: number;
  error?: string;
};

export async function runSyncModule(input: SyncJobPayload & { jobId?: string }, registry: ModuleRegistry = SYNC_MODULES): Promise<RunSummary> {
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

  const existing = input.runId
    ? await db.syncRun.findFirst({ where: { id: input.runId, tenantId: input.tenantId } })
    : null;
  const run = existing
    ? await db.syncRun.update({
        where: { id: existing.id },
        data: { status: "RUNNING", startedAt: new Date(), jobId: input.jobId ?? existing.jobId, error: null, errorCode: null, errorParams: Prisma.DbNull },
      })
    : await db.syncRun.create({
        data: { tenantId: input.tenantId, module: module.id, trigger: input.trigger, status: "RUNNING", startedAt: new Date(), jobId: input.jobId },
      });

  const started = Date.now();
  const ctx = new SyncRunContext(
    { id: tenant.id, slug: tenant.slug, name: tenant.name },
    run.id,
    module.id,
    settingsFromRow(tenant.settings),
    input.trigger,
    input.itemIds,
  );
  ctx.log.info(logLine("runStarted", { trigger: input.trigger }));
  let error: AppError | undefined;
  try {
    await assertPrerequisites(module.prerequisites, tenant.id);
    await runModulePass(ctx, module);
  } catch (caught) {
    error = toAppError(caught);
    ctx.log.error(logLine("runStopped", { error: quoteError(error) }), { code: error.code });
  }
  await ctx.flush();
  await recordConnectionHealth(input.tenantId, error);

  const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
  const status: RunStatus = error ? "FAILED" : finished.failed > 0 ? "PARTIAL" : "SUCCEEDED";
  await db.syncRun.update({
    where: { id: run.id },
    data: { status, finishedAt: new Date(), error: error?.message ?? null, errorCode: error?.code ?? null, errorParams: error?.params ?? Prisma.DbNull },
  });
  const counts = { processed: finished.processed, created: finished.created, updated: finished.updated, skipped: finished.skipped, failed: finished.failed };
  if (!error) ctx.log.info(logLine("runFinished", { created: counts.created, updated: counts.updated, skipped: counts.skipped, failed: counts.failed }));
  await ctx.log.flush();
  recordSyncRun({ module: input.module, status, durationMs: Date.now() - started, counts });
  if (error?.retryable) throw error;

  return {
    runId: run.id,
    tenantId: input.tenantId,
    module: module.id,
    status,
    counts,
    remoteCalls: finished.remoteCalls,
    durationMs: Date.now() - started,
    ...(error ? { error: error.message } : {}),
  };
}
