/**
 * Tenant settings on the server: the schema built for the registered modules, the defaults a new
 * tenant starts with (paid statuses only, prices include VAT, debtor defaults 14/1400/2, 30-day
 * logs, each module's default schedule: every module off, the shop status left alone after export),
 * and the one parse of a stored settings row. Where order export starts has no default: the tenant
 * chooses it (order-export-start.ts).
 */
import type { z } from "zod";
import type { Settings } from "../db";
import { isLocale } from "../i18n/locales";
import { SYNC_MODULES } from "../sync/modules";
import { orderExportStartFrom, type OrderExportStart } from "./order-export-start";
import { settingsInputSchemaFor, settingsPatchSchemaFor, WarehouseSelectionSchema } from "./update-settings.schema";

export const SettingsInputSchema = settingsInputSchemaFor(SYNC_MODULES.modules);
export type SettingsInput = z.output<typeof SettingsInputSchema>;

export const SettingsPatchSchema = settingsPatchSchemaFor(SYNC_MODULES.modules);
export type SettingsPatch = z.output<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: SettingsInput = {
  exportStatuses: ["P", "C"],
  pricesIncludeVat: true,
  debtorPaymentTerms: "14",
  debtorCollectionAccount: "1400",
  debtorAdministration: "2",
  failureEmailRecipients: [],
  logRetentionDays: 30,
  storeLogs: true,
  schedules: SYNC_MODULES.defaultSchedules,
  stockWarehouses: { mode: "sum" },
  shipOnExport: false,
  statusAfterExport: null,
  notifyCustomerOfStatus: false,
  emailLocale: "en",
};

/** The settings a run works with: the editable ones, and where order export starts (set on its own, pinned). */
export type RunSettings = SettingsInput & { orderExportStart: OrderExportStart | null };

/**
 * A stored settings row as the app uses it. Columns are typed by the database; the JSON
 * columns are parsed here, once. A JSON value that does not parse (written by an older version)
 * falls back to the default rather than stopping every run of the tenant.
 */
export function settingsFromRow(row: Settings): RunSettings {
  const schedules = SYNC_MODULES.schedulesSchema.safeParse(row.schedules);
  const warehouses = WarehouseSelectionSchema.safeParse(row.stockWarehouses);
  return {
    exportStatuses: row.exportStatuses,
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
    statusAfterExport: row.statusAfterExport,
    notifyCustomerOfStatus: row.notifyCustomerOfStatus,
    emailLocale: isLocale(row.emailLocale) ? row.emailLocale : DEFAULT_SETTINGS.emailLocale,
    orderExportStart: orderExportStartFrom(row.orderExportStart),
  };
}
