/**
 * "Re-import from date": rewinds the product (and/or customer) cursor to that date, once, and
 * starts a REIMPORT run, which writes every item changed since then even when its hash says it is
 * unchanged (the shop may have lost it in an outage). The date is kept in settings for display.
 */
import type PgBoss from "pg-boss";
import { db } from "../../db";
import { AppError } from "../../errors";
import { writeCursor } from "./cursor";
import { enqueueSync, type EnqueueResult } from "./enqueue-sync";

export type ReimportModule = "PRODUCT_IMPORT" | "CUSTOMER_IMPORT";

export async function requestReimport(tenantId: string, from: Date, modules: ReimportModule[], boss?: PgBoss): Promise<EnqueueResult[]> {
  if (Number.isNaN(from.getTime())) throw new AppError("VALIDATION_FAILED", "Choose a valid date to re-import from.");
  if (from.getTime() > Date.now()) throw new AppError("VALIDATION_FAILED", "The re-import date cannot be in the future.");
  if (!modules.length) throw new AppError("VALIDATION_FAILED", "Choose what to re-import: products, customers or both.");
  await db.settings.update({ where: { tenantId }, data: { reimportFrom: from } });
  const results: EnqueueResult[] = [];
  for (const module of modules) {
    await writeCursor(tenantId, module, from.toISOString());
    results.push(await enqueueSync({ tenantId, module, trigger: "REIMPORT" }, boss));
  }
  return results;
}
