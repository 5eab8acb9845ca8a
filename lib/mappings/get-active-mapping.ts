/**
 * The product mapping in force for a tenant: the highest saved version, or the default mapping
 * (version null) when none was ever saved. The engine imports exactly this.
 */
import { db } from "../db";
import { DEFAULT_PRODUCT_MAPPING, parseProductMapping, type ProductMapping } from "../sync/transform";

export async function getActiveProductMapping(tenantId: string): Promise<{ version: number | null; config: ProductMapping }> {
  const row = await db.mapping.findFirst({
    where: { tenantId, module: "PRODUCT_IMPORT" },
    orderBy: { version: "desc" },
    select: { version: true, config: true },
  });
  if (!row) return { version: null, config: DEFAULT_PRODUCT_MAPPING };
  return { version: row.version, config: parseProductMapping(row.config) };
}
