/**
 * The mapping in force for a tenant: the highest saved version of its kind, or the defaults
 * (version null) when none was ever saved. The engine uses exactly this.
 */
import { db } from "../db";
import { MAPPING_KINDS, type MappingConfig, type MappingKind } from "./mapping-kinds";

export async function getActiveMapping<K extends MappingKind>(tenantId: string, kind: K): Promise<{ version: number | null; config: MappingConfig<K> }> {
  const definition = MAPPING_KINDS[kind];
  const row = await db.mapping.findFirst({
    where: { tenantId, module: definition.module },
    orderBy: { version: "desc" },
    select: { version: true, config: true },
  });
  if (!row) return { version: null, config: definition.defaults as MappingConfig<K> };
  return { version: row.version, config: definition.parse(row.config) as MappingConfig<K> };
}
