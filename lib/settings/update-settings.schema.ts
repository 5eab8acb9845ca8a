/**
 * The settings schema, shared by the settings route (parses once), the domain functions (take its
 * output) and the settings form (checks before sending). The schedules part is built from the
 * modules' definitions: the server passes the module registry, the browser the module catalog.
 */
import { z } from "zod";
import { LocaleSchema } from "../i18n/locales";

export const ModuleScheduleSchema = z.object({
  enabled: z.boolean(),
  intervalMinutes: z
    .number()
    .int()
    .min(1, "must be at least 1 minute")
    .max(24 * 60, "must be at most one day"),
});
export type ModuleSchedule = z.output<typeof ModuleScheduleSchema>;

export const WarehouseSelectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("sum") }),
  z.object({ mode: z.literal("one"), warehouseId: z.string().trim().min(1, "name the warehouse") }),
]);
export type WarehouseSelection = z.output<typeof WarehouseSelectionSchema>;

type ScheduledModule<Id extends string> = { id: Id; defaultSchedule: ModuleSchedule };

/**
 * One schedule per module. Settings saved before a module existed have no entry for it: its
 * default schedule applies, so adding a module needs no data migration.
 */
export function schedulesSchemaFor<Id extends string>(modules: readonly ScheduledModule<Id>[]) {
  const shape = Object.fromEntries(modules.map((module) => [module.id, ModuleScheduleSchema.default(module.defaultSchedule)]));
  return z.object(shape as Record<Id, z.ZodDefault<typeof ModuleScheduleSchema>>);
}

const statusCode = z
  .string()
  .trim()
  .regex(/^[A-Z]$/, "an order status is one capital letter, e.g. P (processed) or C (complete)");

export function settingsInputSchemaFor<Id extends string>(modules: readonly ScheduledModule<Id>[]) {
  return z.object({
    exportStatuses: z.array(statusCode).min(1, "choose at least one order status to export"),
    pricesIncludeVat: z.boolean(),
    debtorPaymentTerms: z.string().trim().min(1, "payment terms are required").max(10),
    debtorCollectionAccount: z.string().trim().min(1, "the collection account is required").max(20),
    debtorAdministration: z.string().trim().min(1, "the administration is required").max(20),
    failureEmailRecipients: z.array(z.email("not a valid e-mail address")).max(20),
    logRetentionDays: z.number().int().min(1, "keep logs at least 1 day").max(365, "keep logs at most 365 days"),
    storeLogs: z.boolean(),
    schedules: schedulesSchemaFor(modules),
    stockWarehouses: WarehouseSelectionSchema,
    shipOnExport: z.boolean(),
    /** Alerts (lib/alerts): reminders every this many hours while a problem lasts; 0 = none. */
    alertReminderHours: z.number().int().min(0, "0 (no reminders) or more hours").max(168, "at most 168 hours (a week)"),
    alertFailedRuns: z.number().int().min(1, "at least 1 run").max(10, "at most 10 runs in a row"),
    alertPendingOrderHours: z.number().int().min(1, "at least 1 hour").max(168, "at most 168 hours (a week)"),
    /** The status an exported shop order gets; null leaves it as it is. Sent as the only key of the status PUT. */
    statusAfterExport: statusCode.nullable(),
    notifyCustomerOfStatus: z.boolean(),
    /** Language of e-mails to people who chose none (docs/i18n.md, "E-mails"). */
    emailLocale: LocaleSchema,
  });
}

/** Some or all settings: what the settings route accepts. */
export function settingsPatchSchemaFor<Id extends string>(modules: readonly ScheduledModule<Id>[]) {
  return settingsInputSchemaFor(modules).partial();
}
