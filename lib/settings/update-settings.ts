/**
 * Saves some or all of a tenant's settings (zod-checked: a partial input is merged over the
 * current settings, then the whole is checked) and audits exactly which fields changed.
 */
import { changedFields, recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { parseOrThrow } from "../validation";
import { SettingsInputSchema, type SettingsInput } from "./defaults";
import { getSettings } from "./get-settings";

export const SettingsPatchSchema = SettingsInputSchema.partial();

export async function updateSettings(actor: AuditActor, input: unknown) {
  const patch = parseOrThrow(SettingsPatchSchema, input, "settings");
  const { reimportFrom: _reimportFrom, updatedAt: _updatedAt, debtorDefaultsCheck: _debtorDefaultsCheck, ...before } = await getSettings(actor.tenant.id);
  const next: SettingsInput = parseOrThrow(SettingsInputSchema, { ...before, ...patch }, "settings");
  const changes = changedFields<Record<string, unknown>>(before, next);
  if (Object.keys(changes).length === 0) return { changed: [] as string[] };
  await db.$transaction(async (tx) => {
    await tx.settings.update({ where: { tenantId: actor.tenant.id }, data: next });
    await recordAudit(actor, "settings.update", "settings", { changes }, tx);
  });
  return { changed: Object.keys(changes) };
}
