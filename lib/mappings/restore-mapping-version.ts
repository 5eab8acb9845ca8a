/** Restoring copies an old version forward as the newest one, so history is never rewritten. */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { parseProductMapping } from "../sync/transform";
import type { RestoreMappingInput } from "./restore-mapping-version.schema";
import { insertNextVersion } from "./save-mapping-version";

export async function restoreProductMappingVersion(actor: AuditActor, { version }: RestoreMappingInput) {
  const old = await db.mapping.findFirst({ where: { tenantId: actor.tenant.id, module: "PRODUCT_IMPORT", version } });
  if (!old) throw new AppError("NOT_FOUND", `There is no mapping version ${version}.`, { params: { variant: "mappingVersion", version } });
  const config = parseProductMapping(old.config);
  const newVersion = await db.$transaction(async (tx) => {
    const saved = await insertNextVersion(actor.tenant.id, config, actor.user.email, tx);
    await recordAudit(actor, "mapping.restore", "mapping:product", { restoredVersion: version, version: saved }, tx);
    return saved;
  });
  return { version: newVersion, restoredVersion: version, config };
}
