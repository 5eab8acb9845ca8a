/** The saved versions of a tenant's mapping of one kind, newest first (without their configs). */
import { db } from "../db";
import { MAPPING_KINDS, type MappingKind } from "./mapping-kinds";

export async function listMappingVersions(tenantId: string, kind: MappingKind, limit = 50) {
  return db.mapping.findMany({
    where: { tenantId, module: MAPPING_KINDS[kind].module },
    orderBy: { version: "desc" },
    take: limit,
    select: { version: true, createdBy: true, createdAt: true },
  });
}
