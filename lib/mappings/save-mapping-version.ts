/**
 * Saving a product mapping never overwrites: it adds version n+1 (the engine reads the highest),
 * so every earlier version can be restored. Audited with the fields that changed.
 */
import { changedFields, recordAudit, type AuditActor } from "../audit/record-audit";
import { db, type Prisma } from "../db";
import type { ProductMapping } from "../sync/transform";
import { getActiveProductMapping } from "./get-active-mapping";

/** Top-level keys, and each shop field separately, so the audit says "fields.price changed". */
function flatten(mapping: ProductMapping): Record<string, unknown> {
  const { fields, ...rest } = mapping;
  return { ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [`fields.${key}`, value])), ...rest };
}

/** Adds `config` as the tenant's next version inside `tx`; returns the new version number. */
export async function insertNextVersion(tenantId: string, config: ProductMapping, createdBy: string, tx: Prisma.TransactionClient) {
  // Serialise concurrent saves of one tenant so two editors never race for the same number.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`mapping:${tenantId}`}))`;
  const latest = await tx.mapping.aggregate({ where: { tenantId, module: "PRODUCT_IMPORT" }, _max: { version: true } });
  const version = (latest._max.version ?? 0) + 1;
  await tx.mapping.create({
    data: { tenantId, module: "PRODUCT_IMPORT", version, config: config as unknown as Prisma.InputJsonValue, createdBy },
  });
  return version;
}

/** `config` comes parsed by the route (ProductMappingSchema). */
export async function saveProductMappingVersion(actor: AuditActor, config: ProductMapping) {
  const before = await getActiveProductMapping(actor.tenant.id);
  const changes = changedFields(flatten(before.config), flatten(config));
  const version = await db.$transaction(async (tx) => {
    const saved = await insertNextVersion(actor.tenant.id, config, actor.user.email, tx);
    await recordAudit(actor, "mapping.save", "mapping:product", { version: saved, previousVersion: before.version, changes }, tx);
    return saved;
  });
  return { version, config };
}
