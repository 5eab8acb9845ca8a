/** A tenant's settings as the dashboard edits them (JSON columns parsed, defaults filled in). */
import { db } from "../db";
import { AppError } from "../errors";
import { settingsFromRow, type RunSettings } from "./defaults";
import { DebtorDefaultsCheckSchema, type DebtorDefaultsCheck } from "./debtor-defaults-check";

export type TenantSettings = RunSettings & { reimportFrom: Date | null; updatedAt: Date; debtorDefaultsCheck: DebtorDefaultsCheck | null };

export async function getSettings(tenantId: string): Promise<TenantSettings> {
  const row = await db.settings.findUnique({ where: { tenantId } });
  if (!row) throw new AppError("NOT_FOUND", "This shop has no settings yet.", { params: { variant: "settings" } });
  const debtorCheck = DebtorDefaultsCheckSchema.safeParse(row.debtorDefaultsCheck);
  return {
    ...settingsFromRow(row),
    debtorDefaultsCheck: debtorCheck.success ? debtorCheck.data : null,
    reimportFrom: row.reimportFrom,
    updatedAt: row.updatedAt,
  };
}
