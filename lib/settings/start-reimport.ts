/**
 * "Re-import from a date": checks the date, asks the engine to rewind the import cursors and queue
 * the imports, and audits the request.
 */
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { requestReimport } from "../sync/engine/request-reimport";
import { parseOrThrow } from "../validation";

export const REIMPORT_MODULES = ["PRODUCT_IMPORT", "CUSTOMER_IMPORT"] as const;

export const ReimportInputSchema = z.object({
  from: z.iso
    .date("pick a date (YYYY-MM-DD)")
    .refine((value) => new Date(`${value}T00:00:00Z`).getTime() <= Date.now(), "the date cannot be in the future")
    .refine((value) => value >= "2000-01-01", "the date must be in the year 2000 or later"),
  modules: z.array(z.enum(REIMPORT_MODULES)).min(1, "choose products, customers or both").max(2),
});

export async function startReimport(actor: AuditActor, input: unknown) {
  const { from, modules } = parseOrThrow(ReimportInputSchema, input, "re-import request");
  const fromDate = new Date(`${from}T00:00:00Z`);
  const results = await requestReimport(actor.tenant.id, fromDate, [...new Set(modules)]);
  await recordAudit(actor, "settings.reimport", "reimport", { from, modules });
  return { from, results };
}
