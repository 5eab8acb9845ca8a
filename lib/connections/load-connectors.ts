/**
 * Builds a tenant's two API clients from its Connection rows: config checked with zod, secret
 * decrypted here and handed only to the client. A missing or half-filled connection is a
 * configuration error that names what to fill in.
 */
import { CsCartClient } from "../integrations/cscart/client";
import { VismaClient } from "../integrations/visma/client";
import { decryptSecret } from "../crypto";
import { db, type ConnectionKind } from "../db";
import { AppError } from "../errors";
import type { RemoteCallContext } from "../http/client";
import { parseOrThrow } from "../validation";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VismaConfigSchema } from "../integrations/visma/config";
import { scopesForModules } from "../integrations/visma/scopes";
import { SYNC_MODULES } from "../sync/modules";

const LABEL: Record<ConnectionKind, string> = { CSCART: "CS-Cart", VISMA: "Visma.net" };

async function connectionOf(tenantId: string, kind: ConnectionKind) {
  const connection = await db.connection.findUnique({ where: { tenantId_kind: { tenantId, kind } } });
  if (!connection?.encryptedSecret) {
    throw new AppError("CONNECTION_MISSING", `The ${LABEL[kind]} connection is not set up yet: fill it in under Connections.`, { params: { kind } });
  }
  return { config: connection.config, secret: decryptSecret(connection.encryptedSecret, { tenantId, kind }) };
}

/**
 * For remote calls made while a browser waits (test connection, mapping preview, the image route):
 * short, bounded, and never waiting out a long Retry-After in the web process.
 */
export const INTERACTIVE_LIMITS = { timeoutMs: 10_000, deadlineMs: 20_000, maxWaitMs: 2_000 } as const;

export type ConnectorOptions = Pick<RemoteCallContext, "meter" | "timeoutMs" | "deadlineMs" | "maxWaitMs" | "maxAttempts" | "maxConcurrency" | "onEvent"> & {
  /** The module about to run: its scopes are asked for even while it is off (a dry run, "Run now"). */
  module?: string;
};

/**
 * The Visma Connect scopes the tenant's enabled modules need, and those of `alsoFor` (never
 * :delete); what is requested when the connection names no scopes of its own.
 */
export async function moduleScopes(tenantId: string, alsoFor?: string): Promise<string> {
  const settings = await db.settings.findUnique({ where: { tenantId }, select: { schedules: true } });
  const schedules = SYNC_MODULES.schedulesSchema.safeParse(settings?.schedules ?? {});
  const enabled = SYNC_MODULES.modules.filter((module) => module.id === alsoFor || !schedules.success || schedules.data[module.id].enabled);
  return scopesForModules(enabled).join(" ");
}

export async function loadCscartClient(tenantId: string, { module: _module, ...options }: ConnectorOptions = {}): Promise<CsCartClient> {
  const { config, secret } = await connectionOf(tenantId, "CSCART");
  const cscart = parseOrThrow(CscartConfigSchema, config, "CS-Cart connection settings", "CONNECTION_MISSING");
  return new CsCartClient({ tenantId, ...options, shopUrl: cscart.shopUrl, adminEmail: cscart.adminEmail, apiKey: secret });
}

export async function loadVismaClient(tenantId: string, { module, ...options }: ConnectorOptions = {}): Promise<VismaClient> {
  const { config, secret } = await connectionOf(tenantId, "VISMA");
  const visma = parseOrThrow(VismaConfigSchema, config, "Visma.net connection settings", "CONNECTION_MISSING");
  const scope = visma.scopes ?? (await moduleScopes(tenantId, module));
  return new VismaClient({ ...visma, clientSecret: secret, scope }, { tenantId, ...options });
}

export async function loadConnectors(tenantId: string, options: ConnectorOptions = {}) {
  const [cscart, visma] = await Promise.all([loadCscartClient(tenantId, options), loadVismaClient(tenantId, options)]);
  return { cscart, visma };
}
