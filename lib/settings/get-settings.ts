/** A tenant's settings as the dashboard edits them (schema-checked JSON columns, defaults filled in). */
import { db } from "../db";
import { AppError } from "../errors";
import { DebtorDefaultsCheckSchema, type DebtorDefaultsCheck } from "./debtor-defaults-check";
import { DEFAULT_SETTINGS, SchedulesSchema, ShippingMethodMapSchema, WarehouseSelectionSchema, type SettingsInput } from "./defaults";

export type TenantSettings = SettingsInput & { reimportFrom: Date | null; updatedAt: Date; debtorDefaultsCheck: DebtorDefaultsCheck | null };

export async function getSettings(tenantId: string): Promise<TenantSettings> {
  const row = await db.settings.findUnique({ where: { tenantId } });
  if (!row) throw new AppError("NOT_FOUND", "This shop has no settings yet.");
  const schedules = SchedulesSchema.safeParse(row.schedules);
  const warehouses = WarehouseSelectionSchema.safeParse(row.stockWarehouses);
  const shippingMethods = ShippingMethodMapSchema.safeParse(row.shippingMethodMap);
  const debtorCheck = DebtorDefaultsCheckSchema.safeParse(row.debtorDefaultsCheck);
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
    shippingMethodMap: shippingMethods.success ? shippingMethods.data : DEFAULT_SETTINGS.shippingMethodMap,
    debtorDefaultsCheck: debtorCheck.success ? debtorCheck.data : null,
    reimportFrom: row.reimportFrom,
    updatedAt: row.updatedAt,
  };
}
