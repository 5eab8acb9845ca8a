/** Restoring copies an old version forward as the newest one, so history is never rewritten. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { MAPPING_KINDS, type MappingKind } from "./mapping-kinds";
import type { RestoreMappingInput } from "./restore-mapping-version.schema";
import { insertNextVersion } from "./save-mapping-version";

export async function restoreMappingVersion(actor: AuditActor, kind: MappingKind, { version }: RestoreMappingInput) {
  const definition = MAPPING_KINDS[kind];
  const old = await db.mapping.findFirst({ where: { tenantId: actor.tenant.id, module: definition.module, version } });
  if (!old) throw new AppError("NOT_FOUND", `There is no ${definition.noun} version ${version}.`, { params: { variant: "mappingVersion", version } });
  const config = definition.parse(old.config);
  const newVersion = await db.$transaction(async (tx) => {
    const saved = await insertNextVersion(actor.tenant.id, kind, config, actor.user.email, tx);
    await recordAudit(actor, "mapping.restore", `mapping:${kind}`, { restoredVersion: version, version: saved }, tx);
    return saved;
  });
  return { version: newVersion, restoredVersion: version, config };
}
