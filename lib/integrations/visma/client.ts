import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, isAppError, type ErrorCode } from "../../errors";
import { HttpClient, parseResponseJson, type HttpRequest, type QueryParams, type RemoteCallContext, type RemoteResponse } from "../../http/client";
import { VismaConfigSchema } from "./config";
import { runConnectionTest, type ConnectionTestResult, type TestMessage } from "../connection-test";
import { findInPages, pageThrough, type Page } from "../paging";
import {
  SalesOrderListPageSchema,
  TokenResponseSchema,
  VismaActionResultSchema,
  VismaCustomerSchema,
  VismaInventoryItemSchema,
  VismaInventorySummarySchema,
  type NewSalesOrderCommand,
  type SalesOrderListItem,
  type VismaActionResult,
  type VismaCustomer,
  type VismaCustomerCreate,
  type VismaInventoryItem,
  type VismaInventorySummary,
} from "./schemas";

/**
 * Typed client for Visma.net: the v1 ERP API (customers, inventory, shipments) and the SalesOrder V3
 * service, authenticated with a Visma Connect client_credentials token.
 */

/** The service-integration scopes for the v1 API plus the SalesOrder V3 scopes (api-facts §1.2). */
export const DEFAULT_VISMA_SCOPE = [
  "vismanet_erp_service_api:create",
  "vismanet_erp_service_api:delete",
  "vismanet_erp_service_api:read",
  "vismanet_erp_service_api:update",
  "visma.net.erp.salesorder:read",
  "visma.net.erp.salesorder:write",
].join(" ");

/** The stored connection settings plus what only the client needs: the secret and the scopes. */
export const VismaClientConfigSchema = VismaConfigSchema.extend({
  clientSecret: z.string().min(1),
  scope: z.string().trim().min(1).default(DEFAULT_VISMA_SCOPE),
  /** Sent as `ipp-company-id` only when set: whether api.finance.visma.net needs it is unconfirmed. */
  ippCompanyId: z.string().trim().min(1).optional(),
});
export type VismaClientConfig = z.input<typeof VismaClientConfigSchema>;

/** v1 page size cap for inventory (api-facts §1.4); larger requests are capped silently by Visma. */
export const INVENTORY_MAX_PAGE_SIZE = 5000;
export const DEFAULT_INVENTORY_PAGE_SIZE = 1000;
export const DEFAULT_V1_PAGE_SIZE = 500;
export const DEFAULT_V3_PAGE_SIZE = 100;

export type DateCondition = ">" | "<" | ">=" | "<=";

/** Visma v1 date text: UTC, without zone ("2025-03-14T10:22:31.503"). */
export function formatVismaDateTime(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString().slice(0, 23);
}

/** `<name>` + `<name>Condition`; the two are mutually inclusive, so they are always sent together. */
function dateFilter(name: string, since: Date | string | undefined, condition: DateCondition = ">="): QueryParams {
  if (since === undefined) return {};
  return { [name]: formatVismaDateTime(since), [`${name}Condition`]: condition };
}

// ---- token cache ----

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}

/** Tokens per connection (token URL, client, tenant, scope, secret), shared by all clients in this process. */
const tokens = new Map<string, CachedToken>();
const pendingTokens = new Map<string, Promise<CachedToken>>();

/** Renew this long before `expires_in` runs out, so a token never expires mid-request. */
const TOKEN_RENEW_MARGIN_MS = 60_000;

function tokenCacheKey(config: z.output<typeof VismaClientConfigSchema>): string {
  // The secret is part of the key (hashed) so a changed secret never reuses an old token.
  return createHash("sha256").update([config.tokenUrl, config.clientId, config.tenantId, config.scope, config.clientSecret].join("\n")).digest("hex");
}

/** The id after the last slash of a Location header. */
function lastPathSegment(location: string): string {
  const path = new URL(location, "http://placeholder").pathname.replace(/\/+$/, "");
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

export class VismaClient {
  private readonly config: z.output<typeof VismaClientConfigSchema>;
  private readonly tokenHttp: HttpClient;
  private readonly erpHttp: HttpClient;
  private readonly salesOrderHttp: HttpClient;
  private readonly cacheKey: string;

  /**
   * @param config the connection's settings and secret
   * @param context the run's context: APIcenter tenant id (limiter key), meter, timeouts
   */
  constructor(config: VismaClientConfig, context: RemoteCallContext) {
    this.config = VismaClientConfigSchema.parse(config);
    this.tokenHttp = new HttpClient(context, "visma-connect", "Visma Connect");
    this.erpHttp = new HttpClient(context, "visma", "Visma.net");
    this.salesOrderHttp = new HttpClient(context, "visma-salesorder", "Visma.net SalesOrder");
    this.cacheKey = tokenCacheKey(this.config);
  }

  // ---- auth ----

  /** A valid access token, from the cache when it has time left. Concurrent callers share one request. */
  async getAccessToken(): Promise<string> {
    const cached = tokens.get(this.cacheKey);
    if (cached && cached.expiresAtMs - TOKEN_RENEW_MARGIN_MS > Date.now()) return cached.accessToken;
    let pending = pendingTokens.get(this.cacheKey);
    if (!pending) {
      pending = this.requestToken().finally(() => pendingTokens.delete(this.cacheKey));
      pendingTokens.set(this.cacheKey, pending);
    }
    return (await pending).accessToken;
  }

  private async requestToken(): Promise<CachedToken> {
    const form: Record<string, string> = {
      grant_type: "client_credentials",
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: this.config.scope,
      tenant_id: this.config.tenantId,
    };
    // Asking for a token twice is harmless, so this POST may be retried.
    const response = await this.tokenHttp.send({ method: "POST", url: this.config.tokenUrl, form, retry: "idempotent" });
    const body = parseResponseJson(TokenResponseSchema, response, "Visma Connect");
    const token = { accessToken: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 3600) * 1000 };
    tokens.set(this.cacheKey, token);
    return token;
  }

  private forgetToken(accessToken: string): void {
    if (tokens.get(this.cacheKey)?.accessToken === accessToken) tokens.delete(this.cacheKey);
  }

  /** Sends with the bearer token; on 401 gets a fresh token once and sends once more (a 401 was not processed). */
  private async sendAuthorized(http: HttpClient, request: HttpRequest): Promise<RemoteResponse> {
    const withToken = (token: string): HttpRequest => ({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${token}`, ...(this.config.ippCompanyId ? { "ipp-company-id": this.config.ippCompanyId } : {}) },
    });
    const token = await this.getAccessToken();
    try {
      return await http.send(withToken(token));
    } catch (error) {
      if (!isAppError(error) || error.code !== "REMOTE_AUTH_FAILED") throw error;
      this.forgetToken(token);
      return http.send(withToken(await this.getAccessToken()));
    }
  }

  private async getJson<S extends z.ZodType>(http: HttpClient, schema: S, url: string, query: QueryParams = {}): Promise<z.output<S>> {
    const response = await this.sendAuthorized(http, { method: "GET", url, query });
    return parseResponseJson(schema, response, http.remoteLabel);
  }

  private erpUrl(path: string): string {
    return `${this.config.erpBaseUrl.replace(/\/+$/, "")}/v1/${path}`;
  }

  private salesOrderUrl(path: string): string {
    return `${this.config.salesOrderBaseUrl.replace(/\/+$/, "")}/api/v3/${path}`;
  }

  /** v1 lists: 1-based pageNumber, pageSize capped silently; each item carries metadata {totalCount, maxPageSize}. */
  private listV1Pages<T extends { metadata?: { totalCount?: number | null; maxPageSize?: number | null } | null }>(
    schema: z.ZodType<T, unknown>,
    path: string,
    query: QueryParams,
    pageSize: number,
  ): AsyncGenerator<Page<T>> {
    return pageThrough<T>(async (pageNumber) => {
      const items = await this.getJson(this.erpHttp, z.array(schema), this.erpUrl(path), { ...query, pageNumber, pageSize });
      const metadata = items[0]?.metadata;
      return {
        items,
        ...(typeof metadata?.totalCount === "number" ? { totalCount: metadata.totalCount } : {}),
        pageSize: Math.min(pageSize, metadata?.maxPageSize ?? pageSize),
      };
    }, 1);
  }

  // ---- v1 customers ----

  /** Customers page by page; `modifiedSince` filters on lastModifiedDateTime (condition ">=" unless given). */
  listCustomerPages(
    filter: { modifiedSince?: Date | string; modifiedCondition?: DateCondition; email?: string; pageSize?: number } = {},
  ): AsyncGenerator<Page<VismaCustomer>> {
    const query = { ...dateFilter("lastModifiedDateTime", filter.modifiedSince, filter.modifiedCondition), email: filter.email };
    return this.listV1Pages(VismaCustomerSchema, "customer", query, filter.pageSize ?? DEFAULT_V1_PAGE_SIZE);
  }

  getCustomer(customerNumber: string): Promise<VismaCustomer> {
    return this.getJson(this.erpHttp, VismaCustomerSchema, this.erpUrl(`customer/${encodeURIComponent(customerNumber)}`));
  }

  /**
   * The customer whose main contact has this e-mail. `GET /v1/customer?email=` is documented as
   * "Equals Email for customer"; the match is checked again here, ignoring case, in case the
   * filter is looser (or ignored) on some installations.
   */
  async findCustomerByEmail(email: string): Promise<VismaCustomer | undefined> {
    const wanted = email.trim().toLowerCase();
    return findInPages(this.listCustomerPages({ email: email.trim(), pageSize: 50 }), (customer) =>
      [customer.mainContact?.email, customer.invoiceContact?.email].some((candidate) => candidate?.trim().toLowerCase() === wanted),
    );
  }

  /** POST /v1/customer → 201 + Location; returns the new customer number. Never resent automatically. */
  async createCustomer(customer: VismaCustomerCreate): Promise<{ number: string }> {
    const response = await this.sendAuthorized(this.erpHttp, { method: "POST", url: this.erpUrl("customer"), json: customer, retry: "never" });
    return { number: lastPathSegment(this.requireLocation(response)) };
  }

  // ---- v1 inventory ----

  listInventoryPages(
    filter: {
      /** Item changes (lastModifiedDateTime). */
      modifiedSince?: Date | string;
      /** Stock changes (availabilityLastModifiedDateTime): use this one for stock sync. */
      availabilityModifiedSince?: Date | string;
      condition?: DateCondition;
      expandWarehouseDetail?: boolean;
      expandAttachment?: boolean;
      pageSize?: number;
    } = {},
  ): AsyncGenerator<Page<VismaInventoryItem>> {
    const query: QueryParams = {
      ...dateFilter("lastModifiedDateTime", filter.modifiedSince, filter.condition),
      ...dateFilter("availabilityLastModifiedDateTime", filter.availabilityModifiedSince, filter.condition),
      expandWarehouseDetail: filter.expandWarehouseDetail ?? true,
      expandAttachment: filter.expandAttachment ?? true,
    };
    const pageSize = Math.min(filter.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE, INVENTORY_MAX_PAGE_SIZE);
    return this.listV1Pages(VismaInventoryItemSchema, "inventory", query, pageSize);
  }

  getInventoryItem(inventoryNumber: string, expand: { warehouseDetail?: boolean; attachment?: boolean } = {}): Promise<VismaInventoryItem> {
    return this.getJson(this.erpHttp, VismaInventoryItemSchema, this.erpUrl(`inventory/${encodeURIComponent(inventoryNumber)}`), {
      expandWarehouseDetail: expand.warehouseDetail ?? true,
      expandAttachment: expand.attachment ?? true,
    });
  }

  getInventorySummary(inventoryNumber: string, filter: { warehouse?: string } = {}): Promise<VismaInventorySummary> {
    return this.getJson(this.erpHttp, VismaInventorySummarySchema, this.erpUrl(`inventorysummary/${encodeURIComponent(inventoryNumber)}`), { warehouse: filter.warehouse });
  }

  /** The file behind an item attachment (needs the bearer token, hence served to the shop through APIcenter). */
  async downloadAttachment(attachmentId: string): Promise<{ body: Uint8Array; contentType: string }> {
    const response = await this.sendAuthorized(this.erpHttp, { method: "GET", url: this.erpUrl(`attachment/${encodeURIComponent(attachmentId)}`), headers: { accept: "*/*" } });
    return { body: response.body, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
  }

  // ---- v1 shipments ----

  /**
   * POST /v1/salesorder/{n}/action/createShipment (still supported after the V1 sales order end of
   * life). Returns the new shipment's number from `referenceNumber` (or `shipmentDto`).
   */
  async createShipment(
    orderNumber: string,
    input: { orderType: string; shipmentDate?: Date; shipmentWarehouse?: string },
  ): Promise<{ shipmentNumber: string; result: VismaActionResult }> {
    const response = await this.sendAuthorized(this.erpHttp, {
      method: "POST",
      url: this.erpUrl(`salesorder/${encodeURIComponent(orderNumber)}/action/createShipment`),
      json: {
        orderType: { value: input.orderType },
        shipmentDate: { value: formatVismaDateTime(input.shipmentDate ?? new Date()) },
        ...(input.shipmentWarehouse ? { shipmentWarehouse: { value: input.shipmentWarehouse } } : {}),
      },
      retry: "never",
    });
    const result = parseResponseJson(VismaActionResultSchema, response, this.erpHttp.remoteLabel);
    const shipmentNumber = result.referenceNumber ?? result.shipmentDto?.shipmentNumber;
    if (!shipmentNumber) {
      throw new AppError("REMOTE_BAD_RESPONSE", `Visma.net created a shipment for sales order ${orderNumber} but did not say its number.${result.errorInfo ? ` It said: "${result.errorInfo}".` : ""}`, {
        details: { endpoint: response.endpoint, outcomeUnknown: true },
      });
    }
    return { shipmentNumber, result };
  }

  async confirmShipment(shipmentNumber: string): Promise<VismaActionResult> {
    const response = await this.sendAuthorized(this.erpHttp, {
      method: "POST",
      url: this.erpUrl(`shipment/${encodeURIComponent(shipmentNumber)}/action/confirmShipment`),
      json: {},
      retry: "never",
    });
    return parseResponseJson(VismaActionResultSchema, response, this.erpHttp.remoteLabel);
  }

  // ---- SalesOrder V3 ----

  /**
   * POST /api/v3/SalesOrders → 201 + Location `.../api/v3/SalesOrders/{type}/{orderId}`.
   * Never resent automatically; a lost answer comes back as outcomeUnknown, and the caller looks the
   * order up with findSalesOrderByCustomerOrder before trying again.
   */
  async createSalesOrder(command: NewSalesOrderCommand): Promise<{ type: string; orderId: string }> {
    const response = await this.sendAuthorized(this.salesOrderHttp, { method: "POST", url: this.salesOrderUrl("SalesOrders"), json: command, retry: "never" });
    const location = this.requireLocation(response);
    const match = /\/SalesOrders\/([^/]+)\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(location);
    if (!match) throw this.badLocation(response, location);
    return { type: decodeURIComponent(match[1]!), orderId: decodeURIComponent(match[2]!) };
  }

  listSalesOrderPages(
    filter: { modifiedSince?: Date | string; filter?: string; orderBy?: string; pageSize?: number; status?: string } = {},
  ): AsyncGenerator<Page<SalesOrderListItem>> {
    const pageSize = filter.pageSize ?? DEFAULT_V3_PAGE_SIZE;
    const query: QueryParams = {
      modifiedSince: filter.modifiedSince instanceof Date ? filter.modifiedSince.toISOString() : filter.modifiedSince,
      filter: filter.filter,
      orderBy: filter.orderBy,
      status: filter.status,
      pageSize,
    };
    return pageThrough<SalesOrderListItem>(async (pageIndex) => {
      const body = await this.getJson(this.salesOrderHttp, SalesOrderListPageSchema, this.salesOrderUrl("SalesOrders"), { ...query, pageIndex });
      // No nextPage link means this was the last page, whatever its size.
      const totalCount = typeof body.totalCount === "number" ? body.totalCount : body.nextPage ? undefined : 0;
      return { items: body.value, ...(totalCount !== undefined ? { totalCount: Math.max(totalCount, body.value.length) } : {}), pageSize };
    }, 0);
  }

  /**
   * The sales order whose customer order reference (`customer.order`) equals `customerOrder`,
   * e.g. "CSCART-1042", among orders modified since `modifiedSince`. This is how the exactly-once
   * protocol finds an order that reached Visma.net although the answer to the POST was lost.
   */
  async findSalesOrderByCustomerOrder(customerOrder: string, modifiedSince: Date | string): Promise<SalesOrderListItem | undefined> {
    return findInPages(this.listSalesOrderPages({ modifiedSince, orderBy: "lastModified asc" }), (order) => (order.customerOrder ?? order.customer?.order) === customerOrder);
  }

  // ---- connection ----

  /** Gets a token and makes one cheap call; failures in plain words. */
  testConnection(): Promise<ConnectionTestResult> {
    return runConnectionTest(
      async (): Promise<TestMessage> => {
        await this.getAccessToken();
        for await (const page of this.listCustomerPages({ pageSize: 1 })) {
          const count = page.totalCount ?? page.items.length;
          return { message: `Connected to Visma.net (${count} customers visible).`, params: { variant: "vismaConnected", count } };
        }
        return { message: "Connected to Visma.net (no customers yet).", params: { variant: "vismaNoCustomers" } };
      },
      (error) => this.explainConnectionFailure(error),
    );
  }

  /** Advice for a failed test; `variant` names its translation under errors.<code>. */
  private explainConnectionFailure({ code, message, params }: AppError): (TestMessage & { code?: ErrorCode }) | undefined {
    if (/invalid_client/.test(message)) {
      return { code: "REMOTE_AUTH_FAILED", message: "Visma Connect did not accept the client id or client secret. Check both in the Visma Developer Portal.", params: { variant: "vismaClient" } };
    }
    if (/invalid_tenant|unauthorized_client/.test(message) || (code === "REMOTE_VALIDATION" && /tenant/i.test(message))) {
      return {
        code: "REMOTE_AUTH_FAILED",
        message: `Visma Connect refused the tenant id "${this.config.tenantId}". Use the company's tenant id and make sure the integration is approved for it with the API User role.`,
        params: { variant: "vismaTenant", tenantId: this.config.tenantId },
      };
    }
    if (/invalid_scope/.test(message)) return { code: "REMOTE_AUTH_FAILED", message: `Visma Connect refused the requested scopes. ${message}`, params: { ...params, variant: "vismaScope" } };
    if (code === "REMOTE_AUTH_FAILED") {
      return {
        message: `Visma.net rejected the token. This usually means the tenant id is the customer tenant instead of the company tenant, or the user lacks the API User role. ${message}`,
        params: { ...params, variant: "vismaToken" },
      };
    }
    if (code === "REMOTE_FORBIDDEN") return { message: `Visma.net refused access: the integration lacks a permission or licence. ${message}`, params: { ...params, variant: "vismaForbidden" } };
    if (code === "REMOTE_NETWORK" || code === "REMOTE_TIMEOUT") {
      return { message: `Visma.net could not be reached. Check the addresses in the connection settings. ${message}`, params: { variant: "vismaUnreachable" } };
    }
    return undefined;
  }

  private requireLocation(response: RemoteResponse): string {
    const location = response.headers.get("location");
    if (!location) throw this.badLocation(response, undefined);
    return location;
  }

  /** The record was created (2xx) but we cannot tell its id: look it up before creating it again. */
  private badLocation(response: RemoteResponse, location: string | undefined): AppError {
    return new AppError(
      "REMOTE_BAD_RESPONSE",
      `Visma.net accepted ${response.endpoint} (HTTP ${response.status}) but ${location ? `its Location header "${location}" has no id` : "sent no Location header"}; the new record's id is unknown.`,
      { details: { endpoint: response.endpoint, status: response.status, outcomeUnknown: true } },
    );
  }
}
