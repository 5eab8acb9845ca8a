/**
 * Saves a connection's settings and, when one is typed, its secret (encrypted, bound to the tenant
 * and kind). A blank secret keeps the stored one: the form never receives it, so it cannot send it
 * back; but a changed address needs the secret again. Changed settings make the status UNTESTED
 * again until the next test.
 */
import { z } from "zod";
import { changedFields, recordAudit, type AuditActor } from "../audit/record-audit";
import { encryptSecret } from "../crypto";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { fieldDetails, parseOrThrow } from "../validation";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VismaConfigSchema } from "../integrations/visma/config";
import { SecretSchema } from "./connection-config";
import { CONNECTION_KINDS, configSchemaFor, type ConnectionKindName } from "./get-connections";

const optionalSecret = z
  .union([z.literal(""), SecretSchema])
  .optional()
  .transform((value) => value || undefined);

export const SaveConnectionInputSchemas = {
  CSCART: CscartConfigSchema.extend({ secret: optionalSecret }),
  VISMA: VismaConfigSchema.extend({ secret: optionalSecret }),
} as const;

export const SECRET_LABELS: Record<ConnectionKindName, string> = { CSCART: "API key", VISMA: "client secret" };

/**
 * The settings that say where the secret is sent. Changing one needs the secret typed again:
 * otherwise anyone who can edit settings (say, an admin about to be removed) could point the shop
 * or token URL at their own server and receive the stored secret on the next call.
 */
const DESTINATION_FIELDS: Record<ConnectionKindName, readonly string[]> = { CSCART: ["shopUrl"], VISMA: ["tokenUrl", "erpBaseUrl", "salesOrderBaseUrl"] };

export function connectionKindFromSlug(slug: string): ConnectionKindName {
  const kind = slug.toUpperCase();
  if (!(CONNECTION_KINDS as readonly string[]).includes(kind)) {
    throw new AppError("NOT_FOUND", `There is no connection called "${slug}"; use cscart or visma.`, { params: { variant: "connection", connection: slug } });
  }
  return kind as ConnectionKindName;
}

export async function saveConnection(actor: AuditActor, kind: ConnectionKindName, input: unknown) {
  const { secret, ...config } = parseOrThrow(SaveConnectionInputSchemas[kind], input, "connection settings");
  const tenantId = actor.tenant.id;
  const existing = await db.connection.findUnique({ where: { tenantId_kind: { tenantId, kind } } });
  if (!secret && !existing?.encryptedSecret) {
    throw new AppError("VALIDATION_FAILED", `Enter the ${SECRET_LABELS[kind]}: none is stored yet.`, {
      details: fieldDetails({ secret: { message: `the ${SECRET_LABELS[kind]} is required`, code: "required" } }),
    });
  }
  const previous = existing ? configSchemaFor(kind).safeParse(existing.config) : undefined;
  const changes = changedFields<Record<string, unknown>>(previous?.success ? previous.data : {}, config);
  const movedTo = DESTINATION_FIELDS[kind].filter((field) => field in changes);
  if (!secret && movedTo.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      `Enter the ${SECRET_LABELS[kind]} again: ${movedTo.join(" and ")} changed, and the stored one is only ever sent to the address it was entered for.`,
      {
        details: fieldDetails({ secret: { message: `type the ${SECRET_LABELS[kind]} again when an address changes`, code: "retypeSecret" } }),
      },
    );
  }
  const resetStatus = Object.keys(changes).length > 0 || Boolean(secret);
  const data = {
    config: config as Prisma.InputJsonValue,
    ...(secret ? { encryptedSecret: encryptSecret(secret, { tenantId, kind }) } : {}),
    ...(resetStatus ? { status: "UNTESTED" as const, lastError: null, lastErrorCode: null, lastErrorParams: Prisma.DbNull, lastCheckedAt: null } : {}),
  };
  await db.$transaction(async (tx) => {
    await tx.connection.upsert({
      where: { tenantId_kind: { tenantId, kind } },
      create: { tenantId, kind, ...data },
      update: data,
    });
    // The secret's value never goes into the audit log, only the fact that it changed.
    await recordAudit(actor, "connection.save", `connection:${kind}`, { changes, secretChanged: Boolean(secret) }, tx);
  });
  return { saved: true, statusReset: resetStatus };
}
