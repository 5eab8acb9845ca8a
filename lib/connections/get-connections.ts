/**
 * The tenant's connections as the browser may see them: settings, status and whether a secret is
 * set — never the secret itself. Missing connections appear with the real hosts as defaults.
 */
import { ConnectionKind, db } from "../db";
import { asErrorParams } from "../i18n/translate-error";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VISMA_DEFAULT_URLS, VismaConfigSchema } from "../integrations/visma/config";
import { moduleScopes } from "./load-connectors";

export const CONNECTION_KINDS = Object.values(ConnectionKind);
export type ConnectionKindName = ConnectionKind;

const EMPTY_CONFIG: Record<ConnectionKindName, Record<string, string>> = {
  CSCART: { shopUrl: "", adminEmail: "" },
  VISMA: { clientId: "", tenantId: "", ...VISMA_DEFAULT_URLS, scopes: "" },
};

export function configSchemaFor(kind: ConnectionKindName) {
  return kind === "CSCART" ? CscartConfigSchema : VismaConfigSchema;
}

export async function getConnections(tenantId: string) {
  // What a Visma.net connection without scopes of its own requests: what the enabled modules need.
  const suggestedScopes = await moduleScopes(tenantId);
  const rows = await db.connection.findMany({
    where: { tenantId },
    select: {
      kind: true,
      config: true,
      encryptedSecret: true,
      status: true,
      lastCheckedAt: true,
      lastError: true,
      lastErrorCode: true,
      lastErrorParams: true,
      updatedAt: true,
    },
  });
  return CONNECTION_KINDS.map((kind) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    const parsed = row ? configSchemaFor(kind).safeParse(row.config) : undefined;
    return {
      kind,
      config: { ...EMPTY_CONFIG[kind], ...(parsed?.success ? (parsed.data as Record<string, string>) : {}) },
      secretSet: Boolean(row?.encryptedSecret),
      ...(kind === "VISMA" ? { suggestedScopes } : {}),
      status: row?.status ?? "UNTESTED",
      lastCheckedAt: row?.lastCheckedAt ?? null,
      lastError: row?.lastError ?? null,
      lastErrorCode: row?.lastErrorCode ?? null,
      lastErrorParams: asErrorParams(row?.lastErrorParams) ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}
