/**
 * Tenant settings: the zod schema the dashboard and the workers share, and the defaults a new
 * tenant starts with (paid statuses only, offset 0, prices include VAT, debtor defaults 14/1400/2,
 * 30-day logs).
 */
import { z } from "zod";
import { LocaleSchema } from "../i18n/locales";

export const SYNC_MODULES = ["ORDER_EXPORT", "PRODUCT_IMPORT", "CUSTOMER_IMPORT", "STOCK_SYNC"] as const;
export type SyncModuleName = (typeof SYNC_MODULES)[number];

export const ModuleScheduleSchema = z.object({
  enabled: z.boolean(),
  intervalMinutes: z.number().int().min(1, "must be at least 1 minute").max(24 * 60, "must be at most one day"),
});

export const SchedulesSchema = z.object({
  ORDER_EXPORT: ModuleScheduleSchema,
  PRODUCT_IMPORT: ModuleScheduleSchema,
  CUSTOMER_IMPORT: ModuleScheduleSchema,
  STOCK_SYNC: ModuleScheduleSchema,
});
export type Schedules = z.infer<typeof SchedulesSchema>;

export const WarehouseSelectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("sum") }),
  z.object({ mode: z.literal("one"), warehouseId: z.string().trim().min(1, "name the warehouse") }),
]);
export type WarehouseSelection = z.infer<typeof WarehouseSelectionSchema>;

const statusCode = z
  .string()
  .trim()
  .regex(/^[A-Z]$/, "an order status is one capital letter, e.g. P (processed) or C (complete)");

export const SettingsInputSchema = z.object({
  exportStatuses: z.array(statusCode).min(1, "choose at least one order status to export"),
  orderOffset: z.number().int().min(0, "the order offset cannot be negative"),
  pricesIncludeVat: z.boolean(),
  debtorPaymentTerms: z.string().trim().min(1, "payment terms are required").max(10),
  debtorCollectionAccount: z.string().trim().min(1, "the collection account is required").max(20),
  debtorAdministration: z.string().trim().min(1, "the administration is required").max(20),
  failureEmailRecipients: z.array(z.email("not a valid e-mail address")).max(20),
  logRetentionDays: z.number().int().min(1, "keep logs at least 1 day").max(365, "keep logs at most 365 days"),
  storeLogs: z.boolean(),
  schedules: SchedulesSchema,
  stockWarehouses: WarehouseSelectionSchema,
  shipOnExport: z.boolean(),
  /** Language of failure e-mails to recipients who have no login (users get their own). */
  emailLocale: LocaleSchema,
});
export type SettingsInput = z.infer<typeof SettingsInputSchema>;

export const DEFAULT_SCHEDULES: Schedules = {
  ORDER_EXPORT: { enabled: true, intervalMinutes: 5 },
  PRODUCT_IMPORT: { enabled: true, intervalMinutes: 60 },
  CUSTOMER_IMPORT: { enabled: true, intervalMinutes: 60 },
  STOCK_SYNC: { enabled: true, intervalMinutes: 15 },
};

export const DEFAULT_SETTINGS: SettingsInput = {
  exportStatuses: ["P", "C"],
  orderOffset: 0,
  pricesIncludeVat: true,
  debtorPaymentTerms: "14",
  debtorCollectionAccount: "1400",
  debtorAdministration: "2",
  failureEmailRecipients: [],
  logRetentionDays: 30,
  storeLogs: true,
  schedules: DEFAULT_SCHEDULES,
  stockWarehouses: { mode: "sum" },
  shipOnExport: false,
  emailLocale: "en",
};
