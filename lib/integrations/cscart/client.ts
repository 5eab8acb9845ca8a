import { z } from "zod";
import { HttpClient, parseResponseJson, requestJson, type QueryParams, type RemoteCallContext } from "../../http/client";
import { runConnectionTest, type ConnectionTestResult, type TestMessage } from "../connection-test";
import { collectAll, pageThrough, type Page } from "../paging";
import { ordersAbove, uniqueOrders, type OrderChanges, type ShopOrderCursor } from "./order-changes";
import {
  CsCartCategoryListSchema,
  CsCartOrderListSchema,
  CsCartOrderSchema,
  CsCartOrderStatusUpdateSchema,
  CsCartProductIdSchema,
  CsCartProductListSchema,
  CsCartShipmentIdSchema,
  CsCartShipmentListSchema,
  CsCartShippingListSchema,
  CsCartStatusListSchema,
  CsCartTaxDefinitionListSchema,
  CsCartUserIdSchema,
  CsCartUserListSchema,
  type CsCartCategory,
  type CsCartOrder,
  type CsCartOrderSummary,
  type CsCartProduct,
  type CsCartProductPayload,
  type CsCartShipment,
  type CsCartShipmentPayload,
  type CsCartShipping,
  type CsCartStatus,
  type CsCartTaxDefinition,
  type CsCartUser,
  type CsCartUserPayload,
} from "./schemas";

/** Typed client for the CS-Cart REST API 2.0 (HTTP Basic: admin e-mail + API key). */

export interface CsCartClientOptions extends RemoteCallContext {
  /** e.g. https://shop.example.com — the API is under /api/2.0/. */
  shopUrl: string;
  adminEmail: string;
  apiKey: string;
  /** The store (company) new customers belong to; 1 on a standard single-store install. */
  companyId?: number;
}

export interface OrderListFilter {
  status?: string | readonly string[];
  /** UNIX seconds. */
  updatedFrom?: number;
  updatedTo?: number;
  /** fn_get_orders' sort keys; any other falls back to date. */
  sortBy?: "date" | "order_id" | "status" | "total" | "customer" | "email";
  sortOrder?: "asc" | "desc";
  itemsPerPage?: number;
}

export const DEFAULT_ITEMS_PER_PAGE = 100;

/** Orders changed this long before the cursor are listed again (clock skew, slow commits). */
export const ORDER_LISTING_OVERLAP_SECONDS = 300;

/** updated_at_from this far ahead matches no order on a shop that knows the filter (largest signed 32-bit time). */
const FAR_FUTURE_SECONDS = 2_147_483_647;

/** Small lists (taxes, statuses, shippings) are read in pages of this size, at most MAX_LIST_PAGES of them. */
const LIST_PAGE_SIZE = 250;
const MAX_LIST_PAGES = 40;

const REMOTE = "cscart";
const REMOTE_LABEL = "the CS-Cart shop";

/** The shop address without a trailing slash or API path, so both forms work in settings. */
export function cscartApiBase(shopUrl: string): string {
  return `${shopUrl
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api(\/[\d.]+)?$/, "")}/api/2.0`;
}

/**
 * Codes and e-mails compare as MySQL's default collation does: without case, and trailing spaces
 * do not count. Two shop records equal by this rule are the same key to CS-Cart's own search.
 */
export function sameShopKey(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export class CsCartClient {
  private readonly http: HttpClient;
  private readonly apiBase: string;
  private readonly authorization: string;

  constructor(private readonly options: CsCartClientOptions) {
    this.http = new HttpClient(options, REMOTE, REMOTE_LABEL);
    this.apiBase = cscartApiBase(options.shopUrl);
    this.authorization = `Basic ${Buffer.from(`${options.adminEmail}:${options.apiKey}`, "utf8").toString("base64")}`;
  }

  private url(path: string): string {
    return `${this.apiBase}/${path}`;
  }

  private get<S extends z.ZodType>(schema: S, path: string, query: QueryParams = {}) {
    return requestJson(schema, this.http, { method: "GET", url: this.url(path), query, headers: { authorization: this.authorization } });
  }

  /** POST creates a record; never resent automatically (a lost answer must be checked first). */
  private post<S extends z.ZodType>(schema: S, path: string, body: unknown) {
    return requestJson(schema, this.http, { method: "POST", url: this.url(path), json: body, retry: "never", headers: { authorization: this.authorization } });
  }

  /** These PUTs set absolute values (a status, a product's fields), so sending one twice is harmless. */
  private put<S extends z.ZodType>(schema: S, path: string, body: unknown) {
    return requestJson(schema, this.http, {
      method: "PUT",
      url: this.url(path),
      json: body,
      retry: "idempotent",
      headers: { authorization: this.authorization },
    });
  }

  private listPages<S extends z.ZodType, T>(
    schema: S,
    path: string,
    query: QueryParams,
    itemsPerPage: number,
    itemsOf: (body: z.output<S>) => T[],
    totalOf: (body: z.output<S>) => number | undefined,
    readAhead = 0,
  ) {
    return pageThrough<T>(
      async (page) => {
        const body = await this.get(schema, path, { ...query, page, items_per_page: itemsPerPage });
        return { items: itemsOf(body), totalCount: totalOf(body), pageSize: itemsPerPage };
      },
      1,
      { readAhead },
    );
  }

  // ---- orders ----

  /** Order summaries page by page, to the end. */
  listOrderPages(filter: OrderListFilter = {}): AsyncGenerator<Page<CsCartOrderSummary>> {
    const statuses = filter.status === undefined ? [] : typeof filter.status === "string" ? [filter.status] : [...filter.status];
    const query: QueryParams = {
      "status[]": statuses,
      updated_at_from: filter.updatedFrom,
      updated_at_to: filter.updatedTo,
      sort_by: filter.sortBy ?? "date",
      sort_order: filter.sortOrder ?? "asc",
    };
    return this.listPages(
      CsCartOrderListSchema,
      "orders",
      query,
      filter.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
      (body) => body.orders,
      (body) => body.params?.total_items,
    );
  }

  /**
   * True when the shop filters orders by `updated_at_from` (4.13-era), false for an older shop that
   * ignores it. Asks for orders updated after the largest 32-bit time: a shop that knows the filter
   * has none. Also reads the shop's clock (Date header) for the cursor.
   */
  private async probeOrderFilter(): Promise<{ knowsUpdatedAt: boolean; shopNow: number }> {
    const response = await this.http.send({
      method: "GET",
      url: this.url("orders"),
      query: { updated_at_from: FAR_FUTURE_SECONDS, items_per_page: 1 },
      headers: { authorization: this.authorization },
    });
    const body = parseResponseJson(CsCartOrderListSchema, response, this.http.remoteLabel);
    const dateHeader = Date.parse(response.headers.get("date") ?? "");
    const shopNow = Math.floor((Number.isNaN(dateHeader) ? Date.now() : dateHeader) / 1000);
    return { knowsUpdatedAt: body.orders.length === 0 && (body.params?.total_items ?? 0) === 0, shopNow };
  }

  /**
   * The orders changed since `cursor`, each once, on new and old shops alike (see order-changes.ts).
   * The caller stores `nextShopOrderCursor(...)` when it has handled them. `status` narrows the
   * listing on shops that filter by `updated_at_from` only: an old shop lists every order above the
   * cursor, whatever its status, because an order not yet in an exported status will never be
   * listed again once the cursor passes it (the caller holds the cursor for it).
   */
  async listOrderChanges(
    cursor: ShopOrderCursor,
    filter: { status?: string | readonly string[]; itemsPerPage?: number; overlapSeconds?: number } = {},
  ): Promise<OrderChanges> {
    const { knowsUpdatedAt, shopNow } = await this.probeOrderFilter();
    if (knowsUpdatedAt) {
      const from = cursor.updatedAt === undefined ? undefined : Math.max(0, cursor.updatedAt - (filter.overlapSeconds ?? ORDER_LISTING_OVERLAP_SECONDS));
      const pages = this.listOrderPages({ status: filter.status, itemsPerPage: filter.itemsPerPage, updatedFrom: from, sortBy: "order_id", sortOrder: "asc" });
      return { mode: "updated_at", listedAt: shopNow, pages: uniqueOrders(pages) };
    }
    const newestFirst = this.listOrderPages({ itemsPerPage: filter.itemsPerPage, sortBy: "order_id", sortOrder: "desc" });
    return { mode: "order_id", listedAt: shopNow, pages: uniqueOrders(ordersAbove(newestFirst, cursor.lastOrderId)) };
  }

  /**
   * The shop's newest order number, 0 when it has none. Order numbers only grow, so every order
   * placed later is above it ("new orders from now on", lib/settings/order-export-start.ts).
   */
  async newestOrderId(): Promise<number> {
    const body = await this.get(CsCartOrderListSchema, "orders", { sort_by: "order_id", sort_order: "desc", items_per_page: 1 });
    return Number(body.orders[0]?.order_id ?? 0);
  }

  getOrder(orderId: string | number): Promise<CsCartOrder> {
    return this.get(CsCartOrderSchema, `orders/${encodeURIComponent(String(orderId))}`);
  }

  /**
   * Sends only `status` (and `notify_user` when the customer is to be told): any other key makes
   * CS-Cart recalculate the whole order. `notify_user` is read with PHP's `!empty()`, so "N" would
   * notify too: it is sent only to notify, and left out otherwise, which in the admin area means no
   * e-mail (docs/api-facts.md, "CS-Cart order updates").
   */
  async updateOrderStatus(orderId: string | number, status: string, options: { notifyCustomer?: boolean } = {}): Promise<void> {
    await this.put(CsCartOrderStatusUpdateSchema, `orders/${encodeURIComponent(String(orderId))}`, {
      status,
      ...(options.notifyCustomer ? { notify_user: "Y" } : {}),
    });
  }

  // ---- shipments ----

  /** Every shipment of an order (GET /shipments?order_id=, to the last page). */
  listOrderShipments(orderId: string | number): Promise<CsCartShipment[]> {
    return collectAll(
      this.listPages(
        CsCartShipmentListSchema,
        "shipments",
        { order_id: String(orderId) },
        DEFAULT_ITEMS_PER_PAGE,
        (body) => body.shipments,
        (body) => body.params?.total_items,
      ),
    );
  }

  /** POST /shipments → 201 { shipment_id }. Never resent automatically: a shipment has no key to find it by but its comments. */
  async createShipment(payload: CsCartShipmentPayload): Promise<{ shipmentId: string }> {
    const body = await this.post(CsCartShipmentIdSchema, "shipments", payload);
    return { shipmentId: body.shipment_id };
  }

  // ---- products ----

  /**
   * Products page by page; `productCode` narrows to codes containing it (CS-Cart's `pcode`, a LIKE
   * search). `readAhead`: pages requested ahead once the total is known (a whole-shop listing).
   */
  listProductPages(filter: { productCode?: string; itemsPerPage?: number; readAhead?: number } = {}): AsyncGenerator<Page<CsCartProduct>> {
    const byCode: QueryParams = filter.productCode ? { pcode: filter.productCode } : {};
    return this.listPages(
      CsCartProductListSchema,
      "products",
      byCode,
      filter.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
      (body) => body.products,
      (body) => body.params?.total_items,
      filter.readAhead,
    );
  }

  /**
   * Every shop product whose code equals `productCode`. `pcode` matches substrings and CS-Cart has
   * no unique key on product_code, so this is zero, one, or several products: the caller must not
   * create a product unless it is zero, nor pick one when it is several.
   */
  async findProductsByCode(productCode: string): Promise<CsCartProduct[]> {
    const candidates = await collectAll(this.listProductPages({ productCode: productCode.trim() }));
    return candidates.filter((product) => sameShopKey(product.product_code, productCode));
  }

  async createProduct(payload: CsCartProductPayload): Promise<{ productId: string }> {
    const body = await this.post(CsCartProductIdSchema, "products", payload);
    return { productId: body.product_id };
  }

  async updateProduct(productId: string | number, payload: Partial<CsCartProductPayload>): Promise<void> {
    await this.put(CsCartProductIdSchema, `products/${encodeURIComponent(String(productId))}`, payload);
  }

  // ---- users ----

  /** Customers page by page; `email` narrows to addresses containing it. `readAhead` as for products. */
  listUserPages(filter: { email?: string; itemsPerPage?: number; readAhead?: number } = {}): AsyncGenerator<Page<CsCartUser>> {
    const query: QueryParams = { user_type: "C", email: filter.email };
    return this.listPages(
      CsCartUserListSchema,
      "users",
      query,
      filter.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
      (body) => body.users,
      (body) => body.params?.total_items,
      filter.readAhead,
    );
  }

  /** Every customer with exactly this e-mail (the e-mail filter matches substrings; the shop does not forbid duplicates). */
  async findUsersByEmail(email: string): Promise<CsCartUser[]> {
    const candidates = await collectAll(this.listUserPages({ email: email.trim() }));
    return candidates.filter((user) => sameShopKey(user.email, email));
  }

  /** Creates a customer; `company_id` (required by CS-Cart) defaults to the client's store. */
  async createUser(payload: CsCartUserPayload): Promise<{ userId: string }> {
    const body = await this.post(CsCartUserIdSchema, "users", { company_id: this.options.companyId ?? 1, ...payload });
    return { userId: body.user_id };
  }

  async updateUser(userId: string | number, payload: Partial<CsCartUserPayload>): Promise<void> {
    await this.put(CsCartUserIdSchema, `users/${encodeURIComponent(String(userId))}`, payload);
  }

  // ---- categories ----

  listCategoryPages(filter: { itemsPerPage?: number } = {}): AsyncGenerator<Page<CsCartCategory>> {
    return this.listPages(
      CsCartCategoryListSchema,
      "categories",
      {},
      filter.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
      (body) => body.categories,
      (body) => body.params?.total_items,
    );
  }

  // ---- lists for the pick-lists ----

  /**
   * Every record of a small list whose answer has no total (taxes, statuses, shippings): pages of
   * LIST_PAGE_SIZE until a short page, or until a page brings nothing new (an entity that ignores
   * the paging parameters answers the same list again).
   */
  private async collectList<S extends z.ZodType<unknown[]>>(
    schema: S,
    path: string,
    idOf: (row: z.output<S>[number]) => string,
    query: QueryParams = {},
  ): Promise<z.output<S>> {
    const byId = new Map<string, z.output<S>[number]>();
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const rows = (await this.get(schema, path, { ...query, page, items_per_page: LIST_PAGE_SIZE })) as z.output<S>;
      const before = byId.size;
      for (const row of rows) byId.set(idOf(row), row);
      if (rows.length < LIST_PAGE_SIZE || byId.size === before) break;
    }
    return [...byId.values()] as z.output<S>;
  }

  listTaxes(): Promise<CsCartTaxDefinition[]> {
    return this.collectList(CsCartTaxDefinitionListSchema, "taxes", (tax) => tax.tax_id);
  }

  /** Order statuses only (statuses of other types, e.g. shipments, are left out). */
  async listOrderStatuses(): Promise<CsCartStatus[]> {
    const statuses = await this.collectList(CsCartStatusListSchema, "statuses", (status) => `${status.type}:${status.status}`);
    return statuses.filter((status) => !status.type || status.type === "O");
  }

  listShippings(): Promise<CsCartShipping[]> {
    return this.collectList(CsCartShippingListSchema, "shippings", (shipping) => shipping.shipping_id);
  }

  // ---- connection ----

  /** One cheap authenticated call (a one-order page), explained in plain words. */
  testConnection(): Promise<ConnectionTestResult> {
    return runConnectionTest(
      async (): Promise<TestMessage> => {
        const body = await this.get(CsCartOrderListSchema, "orders", { items_per_page: 1 });
        const total = body.params?.total_items;
        const shared = { apiBase: this.apiBase, adminEmail: this.options.adminEmail };
        return {
          message: `Connected to ${this.apiBase} as ${this.options.adminEmail}${total === undefined ? "" : ` (${total} orders visible)`}.`,
          params: total === undefined ? { variant: "cscartConnected", ...shared } : { variant: "cscartConnectedCount", total, ...shared },
        };
      },
      ({ code, message, params }): TestMessage | undefined => {
        if (code === "REMOTE_AUTH_FAILED") {
          return {
            message: `The shop did not accept the admin e-mail and API key. Check that API access is enabled for ${this.options.adminEmail} and that the key is right.`,
            params: { variant: "cscartAuth", adminEmail: this.options.adminEmail },
          };
        }
        if (code === "REMOTE_FORBIDDEN") {
          return {
            message: `The shop refused access. The admin may lack API permissions, or the shop only allows HTTPS. ${message}`,
            params: { ...params, variant: "cscartForbidden" },
          };
        }
        if (code === "REMOTE_NOT_FOUND")
          return { message: `No CS-Cart API was found at ${this.apiBase}. Check the shop address.`, params: { variant: "cscartNoApi", apiBase: this.apiBase } };
        if (code === "REMOTE_BAD_RESPONSE")
          return { message: `The address answered, but not like a CS-Cart API. Check the shop address. ${message}`, params: { variant: "cscartNotApi" } };
        return undefined;
      },
    );
  }
}
