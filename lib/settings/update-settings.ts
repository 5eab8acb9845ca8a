/**
 * Saves some or all of a tenant's settings: the parsed patch is merged over the current settings
 * (each part was checked by the schema on its own, and they do not depend on each other, so the
 * whole needs no second check) and exactly the fields that changed are audited.
 */
import { changedFields, recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import type { SettingsInput, SettingsPatch } from "./defaults";
import { getSettings } from "./get-settings";
import { assertModulesMaySwitchOn } from "./switch-module";
import { SYNC_MODULES } from "../sync/modules";

export async function updateSettings(actor: AuditActor, patch: SettingsPatch) {
  const {
    reimportFrom: _reimportFrom,
    updatedAt: _updatedAt,
    debtorDefaultsCheck: _debtorDefaultsCheck,
    orderExportStart: _start,
    ...before
  } = await getSettings(actor.tenant.id);
  const next: SettingsInput = { ...before, ...definedFields(patch) };
  const changes = changedFields<Record<string, unknown>>(before, next);
  if (Object.keys(changes).length === 0) return { changed: [] as string[] };
  // A module switched on here passes the same gate as the checklist's switch.
  const switchedOn = SYNC_MODULES.ids.filter((module) => next.schedules[module].enabled && !before.schedules[module].enabled);
  await assertModulesMaySwitchOn(actor.tenant.id, switchedOn);
  await db.$transaction(async (tx) => {
    await tx.settings.update({ where: { tenantId: actor.tenant.id }, data: next });
    await recordAudit(actor, "settings.update", "settings", { changes }, tx);
  });
  return { changed: Object.keys(changes) };
}

/** A key sent as undefined leaves the setting as it is. */
function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
