/** A tenant's settings as the dashboard edits them (schema-checked JSON columns, defaults filled in). */
import { db } from "../db";
import { AppError } from "../errors";
import { isLocale } from "../i18n/locales";
import { DEFAULT_SETTINGS, SchedulesSchema, WarehouseSelectionSchema, type SettingsInput } from "./defaults";

export type TenantSettings = SettingsInput & { reimportFrom: Date | null; updatedAt: Date };

export async function getSettings(tenantId: string): Promise<TenantSettings> {
  const row = await db.settings.findUnique({ where: { tenantId } });
  if (!row) throw new AppError("NOT_FOUND", "This shop has no settings yet.", { params: { variant: "settings" } });
  const schedules = SchedulesSchema.safeParse(row.schedules);
  const warehouses = WarehouseSelectionSchema.safeParse(row.stockWarehouses);
  return {
    exportStatuses: row.exportStatuses,
    orderOffset: row.orderOffset,
    pricesIncludeVat: row.pricesIncludeVat,
    debtorPaymentTerms: row.debtorPaymentTerms,
    debtorCollectionAccount: row.debtorCollectionAccount,
    debtorAdministration: row.debtorAdministration,
    failureEmailRecipients: row.failureEmailRecipients,
    logRetentionDays: row.logRetentionDays,
    storeLogs: row.storeLogs,
    schedules: schedules.success ? schedules.data : DEFAULT_SETTINGS.schedules,
    stockWarehouses: warehouses.success ? warehouses.data : DEFAULT_SETTINGS.stockWarehouses,
    shipOnExport: row.shipOnExport,
    emailLocale: isLocale(row.emailLocale) ? row.emailLocale : DEFAULT_SETTINGS.emailLocale,
    reimportFrom: row.reimportFrom,
    updatedAt: row.updatedAt,
  };
}
