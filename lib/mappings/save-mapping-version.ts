/**
 * Saving a mapping never overwrites: it adds version n+1 of its kind (the engine reads the highest),
 * so every earlier version can be restored. Audited with the fields that changed.
 */
import { changedFields, recordAudit, type AuditActor } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import { getActiveMapping } from "./get-active-mapping";
import { MAPPING_KINDS, type MappingConfig, type MappingKind } from "./mapping-kinds";

/** Top-level keys, and the keys of the kind's nested sections separately, so the audit says "fields.price changed". */
function flatten(kind: MappingKind, mapping: object): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mapping)) {
    if (MAPPING_KINDS[kind].auditNested.includes(key) && value && typeof value === "object") {
      for (const [inner, innerValue] of Object.entries(value)) flat[`${key}.${inner}`] = innerValue;
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

/** Adds `config` as the tenant's next version of its kind inside `tx`; returns the new version number. */
export async function insertNextVersion(tenantId: string, kind: MappingKind, config: object, createdBy: string, tx: Prisma.TransactionClient) {
  const { module } = MAPPING_KINDS[kind];
  // Serialise concurrent saves of one tenant so two editors never race for the same number.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`mapping:${tenantId}:${module}`}))`;
  const latest = await tx.mapping.aggregate({ where: { tenantId, module }, _max: { version: true } });
  const version = (latest._max.version ?? 0) + 1;
  await tx.mapping.create({ data: { tenantId, module, version, config: config as Prisma.InputJsonValue, createdBy } });
  return version;
}

/** `config` comes parsed by the route (the kind's schema). */
export async function saveMappingVersion<K extends MappingKind>(actor: AuditActor, kind: K, config: MappingConfig<K>) {
  const before = await getActiveMapping(actor.tenant.id, kind);
  const changes = changedFields(flatten(kind, before.config), flatten(kind, config));
  const version = await db.$transaction(async (tx) => {
    const saved = await insertNextVersion(actor.tenant.id, kind, config, actor.user.email, tx);
    await recordAudit(actor, "mapping.save", `mapping:${kind}`, { version: saved, previousVersion: before.version, changes }, tx);
    return saved;
  });
  return { version, config };
}
