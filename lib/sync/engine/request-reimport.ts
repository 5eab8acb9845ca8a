/**
 * "Re-import from date": rewinds the cursor of each chosen module (those whose definition offers
 * re-import) to that date, once, and starts a REIMPORT run, which writes every record changed
 * since then even when its hash says it is unchanged (the shop may have lost it in an outage).
 * The date is kept in settings for display. Input comes parsed (start-reimport.schema.ts).
 */
import type PgBoss from "pg-boss";
import { db } from "../../db";
import { AppError } from "../../errors";
import { SYNC_MODULES } from "../modules";
import { writeCursor } from "./cursor";
import { enqueueSync, type EnqueueResult } from "./enqueue-sync";
import type { ModuleRegistry } from "./module-registry";

export async function requestReimport(tenantId: string, from: Date, modules: readonly string[], boss?: PgBoss, registry: ModuleRegistry = SYNC_MODULES): Promise<EnqueueResult[]> {
  const definitions = modules.map((id) => registry.get(id));
  const refused = definitions.find((module) => !module.reimport || !module.cursor.rewindTo);
  if (refused) throw new AppError("VALIDATION_FAILED", `${refused.label} cannot be re-imported from a date.`);
  await db.settings.update({ where: { tenantId }, data: { reimportFrom: from } });
  const results: EnqueueResult[] = [];
  for (const module of definitions) {
    await writeCursor(tenantId, module.id, module.cursor.codec, module.cursor.rewindTo!(from));
    results.push(await enqueueSync({ tenantId, module: module.id, trigger: "REIMPORT" }, boss, registry));
  }
  return results;
}
