/**
 * "Re-import from a date": asks the engine to rewind the chosen import cursors and queue the
 * imports, and audits the request. Takes the input as parsed by the route.
 */
import type { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { requestReimport } from "../sync/engine/request-reimport";
import { SYNC_MODULES } from "../sync/modules";
import { startReimportSchemaFor } from "./start-reimport.schema";

export const StartReimportSchema = startReimportSchemaFor(SYNC_MODULES.reimportIds as [string, ...string[]]);
export type StartReimportInput = z.output<typeof StartReimportSchema>;

export async function startReimport(actor: AuditActor, { from, modules }: StartReimportInput) {
  const results = await requestReimport(actor.tenant.id, new Date(`${from}T00:00:00Z`), modules);
  await recordAudit(actor, "settings.reimport", "reimport", { from, modules });
  return { from, results };
}
