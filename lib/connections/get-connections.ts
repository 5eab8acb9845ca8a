/**
 * The tenant's connections as the browser may see them: settings, status and whether a secret is
 * set — never the secret itself. Missing connections appear with the real hosts as defaults.
 */
import { db } from "../db";
import { asErrorParams } from "../i18n/translate-error";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VISMA_DEFAULT_URLS, VismaConfigSchema } from "../integrations/visma/config";

export const CONNECTION_KINDS = ["CSCART", "VISMA"] as const;
export type ConnectionKindName = (typeof CONNECTION_KINDS)[number];

const EMPTY_CONFIG: Record<ConnectionKindName, Record<string, string>> = {
  CSCART: { shopUrl: "", adminEmail: "" },
  VISMA: { clientId: "", tenantId: "", ...VISMA_DEFAULT_URLS },
};

export function configSchemaFor(kind: ConnectionKindName) {
  return kind === "CSCART" ? CscartConfigSchema : VismaConfigSchema;
}

export async function getConnections(tenantId: string) {
  const rows = await db.connection.findMany({
    where: { tenantId },
    select: { kind: true, config: true, encryptedSecret: true, status: true, lastCheckedAt: true, lastError: true, lastErrorCode: true, lastErrorParams: true, updatedAt: true },
  });
  return CONNECTION_KINDS.map((kind) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    const parsed = row ? configSchemaFor(kind).safeParse(row.config) : undefined;
    return {
      kind,
      config: { ...EMPTY_CONFIG[kind], ...(parsed?.success ? (parsed.data as Record<string, string>) : {}) },
      secretSet: Boolean(row?.encryptedSecret),
      status: row?.status ?? "UNTESTED",
      lastCheckedAt: row?.lastCheckedAt ?? null,
      lastError: row?.lastError ?? null,
      lastErrorCode: row?.lastErrorCode ?? null,
      lastErrorParams: asErrorParams(row?.lastErrorParams) ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}
