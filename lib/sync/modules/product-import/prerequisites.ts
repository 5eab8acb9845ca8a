/** Product import runs only on a saved mapping that gives every item a CS-Cart tax (lib/mappings/mapping-gaps.ts). */
import { db } from "../../../db";
import { blockingMappingGaps } from "../../../mappings/mapping-gaps";
import { DEFAULT_PRODUCT_MAPPING, ProductMappingSchema } from "../../transform";
import type { Prerequisite } from "../../engine/prerequisites";

export const taxesAndCategoriesMapped: Prerequisite = {
  id: "taxes-and-categories-mapped",
  description: "The product mapping is saved and maps the VAT codes to CS-Cart taxes.",
  code: "SETUP_INCOMPLETE",
  // A dry run shows what each item would become, and which fail for want of a mapping.
  notForDryRuns: true,
  async unmetFor(tenantIds) {
    const unmet = new Map<string, string>();
    if (!tenantIds.length) return unmet;
    // The version in force per tenant: the highest saved one.
    const rows = await db.mapping.findMany({
      where: { tenantId: { in: [...tenantIds] }, module: "PRODUCT_IMPORT" },
      orderBy: [{ tenantId: "asc" }, { version: "desc" }],
      distinct: ["tenantId"],
      select: { tenantId: true, version: true, config: true },
    });
    const latest = new Map(rows.map((row) => [row.tenantId, row]));
    for (const tenantId of tenantIds) {
      const row = latest.get(tenantId);
      const parsed = row ? ProductMappingSchema.safeParse(row.config) : undefined;
      const gaps = !row
        ? blockingMappingGaps({ version: null, config: DEFAULT_PRODUCT_MAPPING })
        : parsed?.success
          ? blockingMappingGaps({ version: row.version, config: parsed.data })
          : ["The saved product mapping cannot be read: open Mappings and save it again."];
      if (gaps.length) unmet.set(tenantId, gaps.join(" "));
    }
    return unmet;
  },
  // The reader's language says what to do; the English reason names each gap.
  reasonParams: () => ({ variant: "productMapping" }),
};
