/** The saved versions of a tenant's product mapping, newest first (without their configs). */
import { db } from "../db";

export async function listProductMappingVersions(tenantId: string, limit = 50) {
  return db.mapping.findMany({
    where: { tenantId, module: "PRODUCT_IMPORT" },
    orderBy: { version: "desc" },
    take: limit,
    select: { version: true, createdBy: true, createdAt: true },
  });
}
