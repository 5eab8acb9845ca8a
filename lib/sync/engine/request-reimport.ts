/**
 * "Re-import from date": queues a REIMPORT run of each chosen module (those whose definition offers
 * re-import) that carries the date in its job. No cursor is touched here: the run reads from the
 * date (or from the cursor, when that is older) and writes every record changed since then even
 * when its hash says it is unchanged (the shop may have lost it in an outage). A run in progress
 * therefore cannot undo the request by moving the cursor when it ends, and a run already queued is
 * turned into the re-import (its job's payload changed while it still waits), so it cannot either.
 * The date is kept in settings for display only. Input comes parsed (start-reimport.schema.ts).
 */
import type PgBoss from "pg-boss";
import { db } from "../../db";
import { AppError } from "../../errors";
import { singletonKeyFor, syncJobPayloadSchema } from "../../jobs/queues";
import { findWaitingJob, replaceWaitingJobData } from "../../jobs/waiting-job";
import { SYNC_MODULES } from "../modules";
import { enqueueSync, type EnqueueResult } from "./enqueue-sync";
import type { AnySyncModule } from "./define-sync-module";
import type { ModuleRegistry } from "./module-registry";

/** A job may start between "refused: one is queued" and the look at it; then sending works again. */
const ATTEMPTS = 3;

export async function requestReimport(
  tenantId: string,
  from: Date,
  modules: readonly string[],
  boss?: PgBoss,
  registry: ModuleRegistry = SYNC_MODULES,
): Promise<EnqueueResult[]> {
  const definitions = modules.map((id) => registry.get(id));
  const refused = definitions.find((module) => !module.reimport || !module.cursor.rewindTo);
  if (refused) throw new AppError("VALIDATION_FAILED", `${refused.label} cannot be re-imported from a date.`);
  await db.settings.update({ where: { tenantId }, data: { reimportFrom: from } });
  const results: EnqueueResult[] = [];
  for (const module of definitions) results.push(await queueReimport(tenantId, module, from, boss, registry));
  return results;
}

async function queueReimport(tenantId: string, module: AnySyncModule, from: Date, boss: PgBoss | undefined, registry: ModuleRegistry): Promise<EnqueueResult> {
  const reimportFrom = from.toISOString();
  for (let attempt = 1; ; attempt++) {
    const sent = await enqueueSync({ tenantId, module: module.id, trigger: "REIMPORT", reimportFrom }, boss, registry);
    if (sent.queued) return sent;
    const upgraded = await turnWaitingRunIntoReimport(tenantId, module, from, registry);
    if (upgraded) return upgraded;
    if (attempt >= ATTEMPTS) return sent;
  }
}

/**
 * The module's waiting job becomes the re-import (from the earlier date, if it was one already);
 * undefined when no job waits any more. A waiting retry of chosen records is not replaced.
 */
async function turnWaitingRunIntoReimport(tenantId: string, module: AnySyncModule, from: Date, registry: ModuleRegistry): Promise<EnqueueResult | undefined> {
  const waiting = await findWaitingJob(module.queue, singletonKeyFor(tenantId, module.id));
  if (!waiting) return undefined;
  const payload = syncJobPayloadSchema(registry.idSchema).safeParse(waiting.data);
  // Jobs sent by enqueueSync always name their run; another job is left alone.
  if (!payload.success || !payload.data.runId) return undefined;
  if (payload.data.trigger === "RETRY") {
    throw new AppError("VALIDATION_FAILED", "A retry of chosen records is waiting to start; start the re-import once it has begun.", {
      params: { variant: "retryWaiting" },
    });
  }
  const earlier = payload.data.reimportFrom && new Date(payload.data.reimportFrom) < from ? payload.data.reimportFrom : from.toISOString();
  const changed = await replaceWaitingJobData(module.queue, waiting.id, { ...payload.data, trigger: "REIMPORT", reimportFrom: earlier });
  if (!changed) return undefined;
  await db.syncRun.updateMany({ where: { id: payload.data.runId, tenantId, status: "QUEUED" }, data: { trigger: "REIMPORT" } });
  return { queued: true, runId: payload.data.runId };
}
