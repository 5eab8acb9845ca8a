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
import type { CallMeter } from "../http/meter";
import { parseOrThrow } from "../validation";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VismaConfigSchema } from "../integrations/visma/config";

const LABEL: Record<ConnectionKind, string> = { CSCART: "CS-Cart", VISMA: "Visma.net" };

async function connectionOf(tenantId: string, kind: ConnectionKind) {
  const connection = await db.connection.findUnique({ where: { tenantId_kind: { tenantId, kind } } });
  if (!connection?.encryptedSecret) {
    throw new AppError("CONNECTION_MISSING", `The ${LABEL[kind]} connection is not set up yet: fill it in under Connections.`, { params: { kind } });
  }
  return { config: connection.config, secret: decryptSecret(connection.encryptedSecret) };
}

export type ConnectorOptions = { meter?: CallMeter; timeoutMs?: number; maxConcurrency?: number; onEvent?: RemoteCallContext["onEvent"] };

export async function loadCscartClient(tenantId: string, options: ConnectorOptions = {}): Promise<CsCartClient> {
  const { config, secret } = await connectionOf(tenantId, "CSCART");
  const cscart = parseOrThrow(CscartConfigSchema, config, "CS-Cart connection settings", "CONNECTION_MISSING");
  return new CsCartClient({ tenantId, ...options, shopUrl: cscart.shopUrl, adminEmail: cscart.adminEmail, apiKey: secret });
}

export async function loadVismaClient(tenantId: string, options: ConnectorOptions = {}): Promise<VismaClient> {
  const { config, secret } = await connectionOf(tenantId, "VISMA");
  const visma = parseOrThrow(VismaConfigSchema, config, "Visma.net connection settings", "CONNECTION_MISSING");
  return new VismaClient({ ...visma, clientSecret: secret }, { tenantId, ...options });
}

export async function loadConnectors(tenantId: string, options: ConnectorOptions = {}) {
  const [cscart, visma] = await Promise.all([loadCscartClient(tenantId, options), loadVismaClient(tenantId, options)]);
  return { cscart, visma };
}
