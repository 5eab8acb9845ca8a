/**
 * Visma Connect-style token endpoint (client_credentials with client_id, client_secret, scope and
 * tenant_id) and bearer-token checks for the v1 and V3 APIs.
 */
import { randomBytes } from "node:crypto";
import { header, json, type SimRequest, type SimResponse } from "../shared/http";
import { oauthError } from "./errors";

export const SERVICE_SCOPES = [
  "vismanet_erp_service_api:create",
  "vismanet_erp_service_api:delete",
  "vismanet_erp_service_api:read",
  "vismanet_erp_service_api:update",
];
export const INTERACTIVE_SCOPES = [
  "vismanet_erp_interactive_api:read",
  "vismanet_erp_interactive_api:create",
  "vismanet_erp_interactive_api:update",
  "vismanet_erp_interactive_api:delete",
];
export const SALES_ORDER_SCOPES = ["visma.net.erp.salesorder:read", "visma.net.erp.salesorder:write"];
const DOCUMENTED_SCOPES = new Set([...SERVICE_SCOPES, ...INTERACTIVE_SCOPES, ...SALES_ORDER_SCOPES]);
/**
 * What the demo integration is granted in the (simulated) Developer Portal: what a connector that
 * reads and creates needs, and no :delete. Asking for more is invalid_scope, as on Visma Connect.
 */
export const DEFAULT_GRANTED_SCOPES = [
  "vismanet_erp_service_api:read",
  "vismanet_erp_service_api:create",
  "vismanet_erp_service_api:update",
  ...SALES_ORDER_SCOPES,
];

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** The company tenant id: tokens for it reach the company. */
  tenantId: string;
  /** A customer tenant id: Visma Connect issues a token, but the API answers 401 (a known trap). */
  customerTenantId: string;
  /** Scopes granted to the integration; a token request for any other is refused with invalid_scope. */
  grantedScopes: readonly string[];
}

export interface IssuedToken {
  token: string;
  clientId: string;
  tenantId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export class TokenStore {
  private tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly credentials: ClientCredentials,
    public lifetimeSeconds: number,
  ) {}

  /** POST /connect/token (form-encoded). */
  issue(request: SimRequest): SimResponse {
    if (!/^application\/x-www-form-urlencoded\b/i.test(header(request, "content-type") ?? "")) {
      return oauthError(400, "invalid_request", "The token request must be form-encoded (application/x-www-form-urlencoded).");
    }
    const form = new URLSearchParams(request.body.toString("utf8"));
    const basic = /^Basic\s+(.+)$/i.exec(header(request, "authorization") ?? "");
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic[1] as string, "base64")
          .toString("utf8")
          .split(":")
      : [];
    const clientId = form.get("client_id") ?? (basicId ? decodeURIComponent(basicId) : null);
    const clientSecret = form.get("client_secret") ?? (basicSecret ? decodeURIComponent(basicSecret) : null);
    const grantType = form.get("grant_type");
    if (!grantType) return oauthError(400, "invalid_request", "grant_type is required.");
    if (clientId !== this.credentials.clientId || clientSecret !== this.credentials.clientSecret) {
      return oauthError(401, "invalid_client", "Unknown client or wrong client secret.");
    }
    if (grantType !== "client_credentials") return oauthError(400, "unsupported_grant_type", `grant_type '${grantType}' is not supported for this client.`);
    const tenantId = form.get("tenant_id");
    if (!tenantId) return oauthError(400, "invalid_request", "tenant_id is required for service integrations.");
    if (tenantId !== this.credentials.tenantId && tenantId !== this.credentials.customerTenantId) {
      return oauthError(400, "invalid_tenant", `The client has no access to tenant '${tenantId}'.`);
    }
    const requested = (form.get("scope") ?? "").split(/\s+/).filter((scope) => scope.length > 0);
    const unknown = requested.filter((scope) => !DOCUMENTED_SCOPES.has(scope));
    if (unknown.length > 0) return oauthError(400, "invalid_scope", `Unknown scope(s): ${unknown.join(" ")}`);
    const ungranted = requested.filter((scope) => !this.credentials.grantedScopes.includes(scope));
    if (ungranted.length > 0) return oauthError(400, "invalid_scope", `The client is not allowed to request scope(s): ${ungranted.join(" ")}`);
    const scopes = requested.length > 0 ? requested : [...this.credentials.grantedScopes];
    const issued: IssuedToken = {
      token: randomBytes(24).toString("base64url"),
      clientId,
      tenantId,
      scopes,
      expiresAt: Date.now() + this.lifetimeSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(issued.token, issued);
    return json(
      200,
      { access_token: issued.token, token_type: "Bearer", expires_in: this.lifetimeSeconds, scope: scopes.join(" ") },
      { "Cache-Control": "no-store" },
    );
  }

  /** The live token presented on a request, or why there is none. */
  verify(request: SimRequest): { token: IssuedToken } | { problem: string } {
    const match = /^Bearer\s+(\S+)$/i.exec(header(request, "authorization") ?? "");
    if (!match) return { problem: "Authorization header with a Bearer token is required" };
    const token = this.tokens.get(match[1] as string);
    if (!token) return { problem: "The access token is invalid" };
    if (token.revoked || token.expiresAt <= Date.now()) return { problem: "The access token has expired" };
    if (token.tenantId !== this.credentials.tenantId) return { problem: "The token's tenant is not a company (use the company tenant id)" };
    return { token };
  }

  revoke(token: IssuedToken): void {
    token.revoked = true;
  }

  expireAll(): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (!token.revoked) count++;
      token.revoked = true;
    }
    return count;
  }

  list(): IssuedToken[] {
    return [...this.tokens.values()];
  }
}

/** Which scope a request needs: V3 uses the salesorder scopes, everything else the ERP API scopes. */
export function hasScope(token: IssuedToken, path: string, method: string): boolean {
  const granted = new Set(token.scopes);
  if (path.toLowerCase().startsWith("/api/v3/")) {
    return granted.has(method === "GET" ? "visma.net.erp.salesorder:read" : "visma.net.erp.salesorder:write");
  }
  const verb = method === "GET" ? "read" : method === "PUT" ? "update" : method === "DELETE" ? "delete" : "create";
  return granted.has(`vismanet_erp_service_api:${verb}`) || granted.has(`vismanet_erp_interactive_api:${verb}`);
}
