import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, isAppError, type ErrorCode } from "../../errors";
import { HttpClient, parseResponseJson, type HttpRequest, type QueryParams, type RemoteCallContext, type RemoteResponse } from "../../http/client";
import { VismaConfigSchema } from "./config";
import { invalidScopeAdvice, scopesForModules } from "./scopes";
import { runConnectionTest, type ConnectionTestResult, type TestMessage } from "../connection-test";
import { collectAll, findInPages, pageThrough, type Page } from "../paging";
import {
  SalesOrderShipmentListSchema,
  VismaShipmentSchema,
  VismaAccountSchema,
  VismaBranchSchema,
  VismaCreditTermPageSchema,
  SalesOrderDetailSchema,
  SalesOrderListPageSchema,
  TokenResponseSchema,
  VismaActionResultSchema,
  VismaCustomerSchema,
  VismaInventoryItemSchema,
  VismaInventorySummarySchema,
  VismaVatCategoryListSchema,
  VismaWarehouseSchema,
  type NewSalesOrderCommand,
  type SalesOrderDetail,
  type SalesOrderListItem,
  type VismaActionResult,
  type VismaCustomer,
  type VismaCustomerCreate,
  type VismaInventoryItem,
  type VismaInventorySummary,
  type VismaShipment,
  type VismaVatCategory,
  type VismaWarehouse,
} from "./schemas";

/**
 * Typed client for Visma.net: the v1 ERP API (customers, inventory, shipments) and the SalesOrder V3
 * service, authenticated with a Visma Connect client_credentials token.
 */

/** Every module's scopes: what a client asks for when its caller names none (never :delete). */
export const DEFAULT_VISMA_SCOPE = scopesForModules([
  { vismaScopes: ["vismanet_erp_service_api:create", "visma.net.erp.salesorder:read", "visma.net.erp.salesorder:write"] },
]).join(" ");

/** The stored connection settings plus what only the client needs: the secret and the scopes. */
export const VismaClientConfigSchema = VismaConfigSchema.extend({
  clientSecret: z.string().min(1),
  scope: z.string().trim().min(1).default(DEFAULT_VISMA_SCOPE),
  /** Sent as `ipp-company-id` only when set: whether api.finance.visma.net needs it is unconfirmed. */
  ippCompanyId: z.string().trim().min(1).optional(),
});
export type VismaClientConfig = z.input<typeof VismaClientConfigSchema>;

/** v1 page size cap for inventory (docs/api-facts.md, "Paging"); larger requests are capped silently by Visma. */
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

/**
 * One default checked against the company: the value, whether it is usable, and why (not), in
 * English and as params for its translation (messages: debtorCheck.<variant>).
 */
export interface DebtorFinding {
  value: string;
  ok: boolean;
  message: string;
  params: { variant: string } & Record<string, string>;
}

export interface DebtorDefaultsFindings {
  paymentTerms: DebtorFinding;
  collectionAccount: DebtorFinding;
  /** Only when the administration is a branch. */
  branch?: DebtorFinding;
}

/**
 * Whether Visma.net will ship the order now: an order on hold or cancelled refuses createShipment.
 * A completed one has no open quantity left, so shipping it again ships nothing.
 */
export function shippableState(
  order: Pick<SalesOrderDetail, "status">,
): { shippable: true; label: string } | { shippable: false; label: string; reason: string; fix: string; variant: "orderCancelled" | "orderOnHold" } {
  const label = order.status.description ?? "";
  if (order.status.cancelled || /^cancel/i.test(label))
    return { shippable: false, label, reason: "is cancelled", fix: "Reopen it there (or ship it by hand)", variant: "orderCancelled" };
  if (order.status.hold || /hold/i.test(label))
    return { shippable: false, label, reason: `is on hold (${label || "Hold"})`, fix: "Release the hold there", variant: "orderOnHold" };
  return { shippable: true, label };
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
    const response = await this.tokenHttp.send({ method: "POST", url: this.config.tokenUrl, form, retry: "idempotent" }).catch((error: unknown) => {
      throw this.explainTokenError(error);
    });
    const body = parseResponseJson(TokenResponseSchema, response, "Visma Connect");
    const token = { accessToken: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 3600) * 1000 };
    tokens.set(this.cacheKey, token);
    return token;
  }

  /** invalid_scope becomes advice on what to grant in the Developer Portal (a setting to fix, not a glitch). */
  private explainTokenError(error: unknown): unknown {
    if (!isAppError(error) || error.details?.remoteCode !== "invalid_scope") return error;
    const refusal = String(error.details.remoteMessage ?? "invalid_scope");
    const requestedScopes = this.config.scope.split(" ");
    return new AppError("REMOTE_FORBIDDEN", invalidScopeAdvice(this.config.scope, refusal), {
      params: { variant: "invalidScope", refusal, scopes: requestedScopes },
      details: { ...error.details, requestedScopes },
      cause: error,
    });
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
      /** Picture changes (attachmentLastModifiedDateTime): a new picture does not move lastModifiedDateTime. */
      attachmentModifiedSince?: Date | string;
      condition?: DateCondition;
      expandWarehouseDetail?: boolean;
      expandAttachment?: boolean;
      pageSize?: number;
    } = {},
  ): AsyncGenerator<Page<VismaInventoryItem>> {
    const query: QueryParams = {
      ...dateFilter("lastModifiedDateTime", filter.modifiedSince, filter.condition),
      ...dateFilter("availabilityLastModifiedDateTime", filter.availabilityModifiedSince, filter.condition),
      ...dateFilter("attachmentLastModifiedDateTime", filter.attachmentModifiedSince, filter.condition),
      expandWarehouseDetail: filter.expandWarehouseDetail ?? true,
      expandAttachment: filter.expandAttachment ?? true,
    };
    const pageSize = Math.min(filter.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE, INVENTORY_MAX_PAGE_SIZE);
    return this.listV1Pages(VismaInventoryItemSchema, "inventory", query, pageSize);
  }

  /**
   * Items whose own fields or whose picture changed since `since` (everything when undefined), each
   * once: the lastModifiedDateTime pass, then the attachmentLastModifiedDateTime pass without the
   * items the first pass already gave. What a product import reads (docs/api-facts.md, "Pictures").
   */
  async *listInventoryChangePages(
    since: Date | string | undefined,
    options: { condition?: DateCondition; pageSize?: number; expandWarehouseDetail?: boolean } = {},
  ): AsyncGenerator<Page<VismaInventoryItem>> {
    const common = {
      condition: options.condition ?? ">=",
      pageSize: options.pageSize,
      expandWarehouseDetail: options.expandWarehouseDetail ?? true,
      expandAttachment: true,
    } as const;
    const seen = new Set<string>();
    for await (const page of this.listInventoryPages({ ...common, modifiedSince: since })) {
      for (const item of page.items) seen.add(item.inventoryNumber);
      yield page;
    }
    if (since === undefined) return;
    for await (const page of this.listInventoryPages({ ...common, attachmentModifiedSince: since })) {
      const items = page.items.filter((item) => !seen.has(item.inventoryNumber));
      for (const item of items) seen.add(item.inventoryNumber);
      if (items.length) yield { items, page: page.page };
    }
  }

  getInventoryItem(inventoryNumber: string, expand: { warehouseDetail?: boolean; attachment?: boolean } = {}): Promise<VismaInventoryItem> {
    return this.getJson(this.erpHttp, VismaInventoryItemSchema, this.erpUrl(`inventory/${encodeURIComponent(inventoryNumber)}`), {
      expandWarehouseDetail: expand.warehouseDetail ?? true,
      expandAttachment: expand.attachment ?? true,
    });
  }

  getInventorySummary(inventoryNumber: string, filter: { warehouse?: string } = {}): Promise<VismaInventorySummary> {
    return this.getJson(this.erpHttp, VismaInventorySummarySchema, this.erpUrl(`inventorysummary/${encodeURIComponent(inventoryNumber)}`), {
      warehouse: filter.warehouse,
    });
  }

  /** The file behind an item attachment (needs the bearer token, hence served to the shop through APIcenter). */
  async downloadAttachment(attachmentId: string, limits: { maxBytes?: number } = {}): Promise<{ body: Uint8Array; contentType: string }> {
    const response = await this.sendAuthorized(this.erpHttp, {
      method: "GET",
      url: this.erpUrl(`attachment/${encodeURIComponent(attachmentId)}`),
      headers: { accept: "*/*" },
      maxBytes: limits.maxBytes,
    });
    return { body: response.body, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
  }

  // ---- v1 shipments ----

  /**
   * POST /v1/salesorder/{n}/action/createShipment (still supported after the V1 sales order end of
   * life). The body is flat, not `{value}`-wrapped, and orderType, shipmentDate and
   * shipmentWarehouse are mandatory (docs/api-facts.md, "Shipments"). Returns the new shipment's
   * number from `referenceNumber` (or `shipmentDto`). Never resent automatically.
   */
  async createShipment(
    orderNumber: string,
    input: { orderType: string; shipmentWarehouse: string; shipmentDate?: Date },
  ): Promise<{ shipmentNumber: string; result: VismaActionResult }> {
    const response = await this.sendAuthorized(this.erpHttp, {
      method: "POST",
      url: this.erpUrl(`salesorder/${encodeURIComponent(orderNumber)}/action/createShipment`),
      json: { orderType: input.orderType, shipmentDate: formatVismaDateTime(input.shipmentDate ?? new Date()), shipmentWarehouse: input.shipmentWarehouse },
      retry: "never",
    });
    const result = parseResponseJson(VismaActionResultSchema, response, this.erpHttp.remoteLabel);
    const shipmentNumber = result.referenceNumber ?? result.shipmentDto?.shipmentNumber;
    if (!shipmentNumber) {
      throw new AppError(
        "REMOTE_BAD_RESPONSE",
        `Visma.net created a shipment for sales order ${orderNumber} but did not say its number.${result.errorInfo ? ` It said: "${result.errorInfo}".` : ""}`,
        {
          params: { variant: "noShipmentNumber", orderNumber, ...(result.errorInfo ? { remoteMessage: result.errorInfo } : {}) },
          details: { endpoint: response.endpoint, outcomeUnknown: true },
        },
      );
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

  /** The shipment numbers created for a sales order (V3 lists them; read only). */
  async listSalesOrderShipments(type: string, orderId: string): Promise<string[]> {
    const shipments = await this.getJson(
      this.salesOrderHttp,
      SalesOrderShipmentListSchema,
      this.salesOrderUrl(`SalesOrders/${encodeURIComponent(type)}/${encodeURIComponent(orderId)}/shipment`),
    );
    return shipments.map((shipment) => shipment.id ?? "").filter(Boolean);
  }

  getShipment(shipmentNumber: string): Promise<VismaShipment> {
    return this.getJson(this.erpHttp, VismaShipmentSchema, this.erpUrl(`shipment/${encodeURIComponent(shipmentNumber)}`));
  }

  /** A shipment's status (Open until confirmed). */
  async getShipmentStatus(shipmentNumber: string): Promise<string> {
    return (await this.getShipment(shipmentNumber)).status ?? "";
  }

  /** Shipments changed since `modifiedSince` (lastModifiedDateTime ">="), page by page (v1 paging). */
  listShipmentPages(filter: { modifiedSince?: Date | string; pageSize?: number } = {}): AsyncGenerator<Page<VismaShipment>> {
    return this.listV1Pages(
      VismaShipmentSchema,
      "shipment",
      dateFilter("lastModifiedDateTime", filter.modifiedSince, ">="),
      filter.pageSize ?? DEFAULT_V1_PAGE_SIZE,
    );
  }

  /**
   * Books an exported order's stock off by shipping what is still open on it: first the order's
   * shipments an earlier attempt created but did not confirm are confirmed, then one shipment per
   * warehouse of its open lines (shipmentWarehouse is mandatory), each confirmed. An order on hold or
   * cancelled is refused before anything is written, naming what to do. So after a failure at any
   * step it can be called again without shipping anything twice.
   */
  async shipSalesOrder(type: string, orderId: string, options: { shipmentDate?: Date } = {}): Promise<{ shipmentNumbers: string[] }> {
    const order = await this.getSalesOrder(type, orderId);
    const status = shippableState(order);
    if (!status.shippable) {
      throw new AppError(
        "REMOTE_VALIDATION",
        `Sales order ${type} ${orderId} ${status.reason} in Visma.net, so it cannot be shipped. ${status.fix}, then retry.`,
        {
          params: { variant: status.variant, orderType: type, orderId, label: status.label || "Hold" },
          details: { orderType: type, orderId, status: status.label },
        },
      );
    }
    const warehouses = [...new Set(order.orderLines.filter((line) => (line.openQuantity ?? line.quantity ?? 0) > 0).map((line) => line.warehouseId ?? ""))];
    if (warehouses.includes("")) {
      throw new AppError("REMOTE_BAD_RESPONSE", `Sales order ${type} ${orderId} has an open line without a warehouse; Visma.net needs one to ship it.`, {
        params: { variant: "lineWithoutWarehouse", orderType: type, orderId },
        details: { orderType: type, orderId },
      });
    }
    const shipmentNumbers: string[] = [];
    for (const earlier of await this.listSalesOrderShipments(type, orderId)) {
      if ((await this.getShipmentStatus(earlier)) !== "Open") continue;
      await this.confirmShipment(earlier);
      shipmentNumbers.push(earlier);
    }
    for (const warehouse of warehouses) {
      const shipment = await this.createShipment(orderId, {
        orderType: type,
        shipmentWarehouse: warehouse,
        ...(options.shipmentDate ? { shipmentDate: options.shipmentDate } : {}),
      });
      shipmentNumbers.push(shipment.shipmentNumber);
      await this.confirmShipment(shipment.shipmentNumber);
    }
    return { shipmentNumbers };
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

  /** GET /api/v3/SalesOrders/{type}/{orderId}: status (hold, cancelled) and the lines' open quantities. */
  getSalesOrder(type: string, orderId: string): Promise<SalesOrderDetail> {
    return this.getJson(
      this.salesOrderHttp,
      SalesOrderDetailSchema,
      this.salesOrderUrl(`SalesOrders/${encodeURIComponent(type)}/${encodeURIComponent(orderId)}`),
    );
  }

  /** V3 sales orders page by page. `readAhead`: pages requested ahead once the total is known (paging.ts). */
  listSalesOrderPages(
    filter: { modifiedSince?: Date | string; filter?: string; orderBy?: string; pageSize?: number; status?: string; readAhead?: number } = {},
  ): AsyncGenerator<Page<SalesOrderListItem>> {
    const pageSize = filter.pageSize ?? DEFAULT_V3_PAGE_SIZE;
    const query: QueryParams = {
      modifiedSince: filter.modifiedSince instanceof Date ? filter.modifiedSince.toISOString() : filter.modifiedSince,
      filter: filter.filter,
      orderBy: filter.orderBy,
      status: filter.status,
      pageSize,
    };
    return pageThrough<SalesOrderListItem>(
      async (pageIndex) => {
        const body = await this.getJson(this.salesOrderHttp, SalesOrderListPageSchema, this.salesOrderUrl("SalesOrders"), { ...query, pageIndex });
        // No nextPage link means this was the last page, whatever its size.
        const totalCount = typeof body.totalCount === "number" ? body.totalCount : body.nextPage ? undefined : 0;
        return { items: body.value, ...(totalCount !== undefined ? { totalCount: Math.max(totalCount, body.value.length) } : {}), pageSize };
      },
      0,
      { readAhead: filter.readAhead },
    );
  }

  /**
   * The sales order whose customer order reference (`customer.order`) equals `customerOrder`,
   * e.g. "CSCART-1042", among orders modified since `modifiedSince`. This is how the exactly-once
   * protocol finds an order that reached Visma.net although the answer to the POST was lost.
   */
  async findSalesOrderByCustomerOrder(customerOrder: string, modifiedSince: Date | string): Promise<SalesOrderListItem | undefined> {
    return findInPages(
      this.listSalesOrderPages({ modifiedSince, orderBy: "lastModified asc" }),
      (order) => (order.customerOrder ?? order.customer?.order) === customerOrder,
    );
  }

  // ---- lists for the pick-lists ----

  listVatCategories(): Promise<VismaVatCategory[]> {
    return this.getJson(this.erpHttp, VismaVatCategoryListSchema, this.erpUrl("vatCategory"));
  }

  listWarehouses(): Promise<VismaWarehouse[]> {
    return collectAll(this.listV1Pages(VismaWarehouseSchema, "warehouse", {}, DEFAULT_V1_PAGE_SIZE));
  }

  listBranches(): Promise<z.output<typeof VismaBranchSchema>[]> {
    return this.getJson(this.erpHttp, z.array(VismaBranchSchema), this.erpUrl("branch"));
  }

  /** Every credit term (one page: companies have a handful). */
  async listCreditTerms(): Promise<z.output<typeof VismaCreditTermPageSchema>["records"]> {
    return (await this.getJson(this.erpHttp, VismaCreditTermPageSchema, this.erpUrl("creditTerm"), { pageNumber: 1, pageSize: 500 })).records;
  }

  // ---- debtor defaults ----

  /**
   * Checks the tenant's defaults for new customers against the company (docs/api-facts.md, "Debtor
   * defaults"): the credit terms exist and are visible to customers, the collection account exists,
   * is active and is an asset account, and the branch ("administration") exists and is active. A
   * missing one is a finding, not an error; other failures (credentials, network) throw.
   */
  async checkDebtorDefaults(defaults: { paymentTerms: string; collectionAccount: string; branch?: string }): Promise<DebtorDefaultsFindings> {
    const terms = defaults.paymentTerms.trim();
    const account = defaults.collectionAccount.trim();
    const findings: DebtorDefaultsFindings = {
      paymentTerms: await this.checkCreditTerms(terms),
      collectionAccount: await this.checkCollectionAccount(account),
    };
    if (defaults.branch !== undefined) findings.branch = await this.checkBranch(defaults.branch.trim());
    return findings;
  }

  private async checkCreditTerms(termsId: string): Promise<DebtorFinding> {
    const page = await this.getJson(this.erpHttp, VismaCreditTermPageSchema, this.erpUrl("creditTerm"), { termsId });
    const terms = page.records.find((record) => record.termsId === termsId);
    const value = termsId;
    if (!terms) {
      return {
        value,
        ok: false,
        message: `Visma.net has no credit terms "${termsId}". Use the id of existing credit terms (Credit terms, CS206500).`,
        params: { variant: "termsMissing", value },
      };
    }
    if (terms.visibleTo === "VE" || terms.visibleTo === "DS") {
      return {
        value,
        ok: false,
        message: `Credit terms "${termsId}" are ${terms.visibleTo === "VE" ? "for suppliers only" : "disabled"} in Visma.net; customers need terms visible to customers.`,
        params: { variant: "termsNotForCustomers", value, visibleTo: terms.visibleTo },
      };
    }
    const description = terms.description ?? "";
    return { value, ok: true, message: `Credit terms "${termsId}" (${description}) exist.`, params: { variant: "termsOk", value, description } };
  }

  private async checkCollectionAccount(accountCd: string): Promise<DebtorFinding> {
    const account = await this.getIfExists(VismaAccountSchema, this.erpUrl(`account/${encodeURIComponent(accountCd)}`));
    const value = accountCd;
    if (!account) {
      return {
        value,
        ok: false,
        message: `Visma.net has no account "${accountCd}". Use the customer ledger (accounts receivable) account of the chart of accounts.`,
        params: { variant: "accountMissing", value },
      };
    }
    if (account.active === false)
      return { value, ok: false, message: `Account "${accountCd}" is not active in Visma.net.`, params: { variant: "accountInactive", value } };
    if (account.type && account.type !== "Asset") {
      return {
        value,
        ok: false,
        message: `Account "${accountCd}" is an ${account.type.toLowerCase()} account; the collection (accounts receivable) account is an asset account.`,
        params: { variant: "accountNotAsset", value, type: account.type },
      };
    }
    const description = account.description ?? "";
    return { value, ok: true, message: `Account "${accountCd}" (${description}) exists.`, params: { variant: "accountOk", value, description } };
  }

  private async checkBranch(number: string): Promise<DebtorFinding> {
    const branch = await this.getIfExists(VismaBranchSchema, this.erpUrl(`branch/${encodeURIComponent(number)}`));
    const value = number;
    if (!branch) {
      return {
        value,
        ok: false,
        message: `Visma.net has no branch "${number}". The administration is the branch number orders are booked on.`,
        params: { variant: "branchMissing", value },
      };
    }
    if (branch.isActive === false)
      return { value, ok: false, message: `Branch "${number}" is not active in Visma.net.`, params: { variant: "branchInactive", value } };
    const name = branch.name ?? "";
    return { value, ok: true, message: `Branch "${number}" (${name}) exists.`, params: { variant: "branchOk", value, name } };
  }

  /** A GET by id; undefined when Visma.net says there is no such record (404, or a 400 "not found"). */
  private async getIfExists<S extends z.ZodType>(schema: S, url: string): Promise<z.output<S> | undefined> {
    try {
      return await this.getJson(this.erpHttp, schema, url);
    } catch (error) {
      if (
        isAppError(error) &&
        (error.code === "REMOTE_NOT_FOUND" ||
          (error.code === "REMOTE_VALIDATION" && /not found|does not exist/i.test(String(error.details?.remoteMessage ?? ""))))
      )
        return undefined;
      throw error;
    }
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
      return {
        code: "REMOTE_AUTH_FAILED",
        message: "Visma Connect did not accept the client id or client secret. Check both in the Visma Developer Portal.",
        params: { variant: "vismaClient" },
      };
    }
    if (/invalid_tenant|unauthorized_client/.test(message) || (code === "REMOTE_VALIDATION" && /tenant/i.test(message))) {
      return {
        code: "REMOTE_AUTH_FAILED",
        message: `Visma Connect refused the tenant id "${this.config.tenantId}". Use the company's tenant id and make sure the integration is approved for it with the API User role.`,
        params: { variant: "vismaTenant", tenantId: this.config.tenantId },
      };
    }
    if (/invalid_scope/.test(message)) {
      // The token request's own advice (explainTokenError) already says what to grant.
      if (message.startsWith("Visma Connect refused the scopes")) return undefined;
      return { code: "REMOTE_AUTH_FAILED", message: `Visma Connect refused the requested scopes. ${message}`, params: { ...params, variant: "vismaScope" } };
    }
    if (code === "REMOTE_AUTH_FAILED") {
      return {
        message: `Visma.net rejected the token. This usually means the tenant id is the customer tenant instead of the company tenant, or the user lacks the API User role. ${message}`,
        params: { ...params, variant: "vismaToken" },
      };
    }
    if (code === "REMOTE_FORBIDDEN")
      return {
        message: `Visma.net refused access: the integration lacks a permission or licence. ${message}`,
        params: { ...params, variant: "vismaForbidden" },
      };
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
      {
        // "HTTP 201 from POST …" is the error's own subject here, not the remote tail: hence `httpStatus`.
        params: location
          ? { variant: "locationWithoutId", endpoint: response.endpoint, httpStatus: response.status, location }
          : { variant: "noLocation", endpoint: response.endpoint, httpStatus: response.status },
        details: { endpoint: response.endpoint, status: response.status, outcomeUnknown: true },
      },
    );
  }
}
