/**
 * "Re-import from a date": what the route accepts and the form checks before sending. The modules
 * offered are those whose definition allows re-import (the server passes the registry's ids, the
 * browser the catalog's).
 */
import { z } from "zod";

export function startReimportSchemaFor<Id extends string>(reimportModuleIds: readonly [Id, ...Id[]]) {
  return z.object({
    from: z.iso
      .date("pick a date (YYYY-MM-DD)")
      .refine((value) => new Date(`${value}T00:00:00Z`).getTime() <= Date.now(), "the date cannot be in the future")
      .refine((value) => value >= "2000-01-01", "the date must be in the year 2000 or later"),
    modules: z
      .array(z.enum(reimportModuleIds))
      .min(1, "choose what to re-import")
      .transform((modules) => [...new Set(modules)]),
  });
}
