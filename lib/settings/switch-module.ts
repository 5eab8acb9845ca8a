/**
 * Switching a module on or off. On needs every switch-on check to hold (the module's
 * prerequisites, both connections tested, a dry run seen, its own extra checks); a refusal names
 * each one that is missing. Off is always allowed. The Settings form's schedules go through the
 * same gate (assertModulesMaySwitchOn).
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { fieldDetails } from "../validation";
import { evaluatePrerequisites, switchOnPrerequisites, type PrerequisiteStatus } from "../sync/engine/prerequisites";
import { SYNC_MODULES, type ModuleId } from "../sync/modules";
import { getSettings } from "./get-settings";

/** Every switch-on check of a module for a tenant, met or not (the checklist and the module cards show them). */
export function switchOnChecks(tenantId: string, module: ModuleId): Promise<PrerequisiteStatus[]> {
  return evaluatePrerequisites(switchOnPrerequisites(SYNC_MODULES.get(module)), tenantId);
}

/** Throws SETUP_INCOMPLETE naming what is missing when any of `modules` may not be switched on yet. */
export async function assertModulesMaySwitchOn(tenantId: string, modules: readonly ModuleId[]): Promise<void> {
  const refusals: { module: ModuleId; reasons: string[] }[] = [];
  for (const module of modules) {
    const unmet = (await switchOnChecks(tenantId, module)).filter((check) => !check.met);
    if (unmet.length) refusals.push({ module, reasons: unmet.map((check) => check.reason!) });
  }
  if (!refusals.length) return;
  const label = (module: ModuleId) => SYNC_MODULES.get(module).label;
  throw new AppError("SETUP_INCOMPLETE", refusals.map(({ module, reasons }) => `${label(module)} cannot be switched on yet: ${reasons.join(" ")}`).join(" "), {
    details: {
      ...fieldDetails(
        Object.fromEntries(refusals.map(({ module, reasons }) => [`schedules.${module}.enabled`, { message: reasons.join(" "), code: "setupIncomplete" }])),
      ),
      missing: Object.fromEntries(refusals.map(({ module, reasons }) => [module, reasons])),
    },
    params: { variant: "switchOn" },
  });
}

export async function switchModule(actor: AuditActor, module: ModuleId, enabled: boolean) {
  const settings = await getSettings(actor.tenant.id);
  const schedule = settings.schedules[module];
  if (schedule.enabled === enabled) return { module, enabled, changed: false };
  if (enabled) await assertModulesMaySwitchOn(actor.tenant.id, [module]);
  const schedules = { ...settings.schedules, [module]: { ...schedule, enabled } };
  await db.$transaction(async (tx) => {
    await tx.settings.update({ where: { tenantId: actor.tenant.id }, data: { schedules: schedules as Prisma.InputJsonValue } });
    await recordAudit(actor, "settings.module-switch", `module:${module}`, { enabled }, tx);
  });
  return { module, enabled, changed: true };
}
