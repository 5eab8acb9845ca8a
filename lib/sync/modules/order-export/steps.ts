/**
 * Order export's steps: each new CS-Cart order in the tenant's statuses becomes exactly one
 * Visma.net sales order (SalesOrder V3). The engine's claim ledger carries the exactly-once protocol
 * (docs/architecture.md); these steps supply the parts that know orders: listing them on new and old
 * shops (order-cursor.ts), proving that Visma.net has no sales order for an order yet
 * (sales-order-references.ts), mapping the order and its customer, posting, the steps after the
 * export (ship in Visma.net, set the shop order's status) and the failure e-mail.
 */
import type { CsCartClient } from "../../../integrations/cscart/client";
import type { CsCartOrder } from "../../../integrations/cscart/schemas";
import type { VismaClient } from "../../../integrations/visma/client";
import type { NewSalesOrderCommand, VismaCustomerCreate } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { env } from "../../../env";
import { AppError, toAppError } from "../../../errors";
import { alertRecipients } from "../../../alerts/alert-recipients";
import { getActiveMapping } from "../../../mappings/get-active-mapping";
import { logLine } from "../../../logs/log-line";
import { notifyOrderFailed } from "../../../notify/notify-order-failed";
import { recordWords, type MapResult, type PlannedWrite, type RecordWords, type Written } from "../../engine/define-sync-module";
import type { SyncRunContext } from "../../engine/run-context";
import { unlessNotFound } from "../../engine/unless-not-found";
import { branchIdFor, customerOrderReference, mapShopOrderToNewCustomer, mapShopOrderToSalesOrder } from "../../transform";
import { explainOrderError, type OrderShippingContext } from "../../transform/explain-order-error";
import type { OrderMapping } from "../../transform/order-mapping";
import type { ShopOrderCursor } from "../../../integrations/cscart/order-changes";
import { describeOrderExportStart, isBeforeOrderExportStart, orderBeforeStartReason, type OrderExportStart } from "../../../settings/order-export-start";
import { WAITS_FOR_SETTINGS } from "../../engine/waiting-for-keys";
import { CustomerDirectory } from "./customer-directory";
import { HOLD_DAYS, type OrderPage, type OrderRef } from "./order-cursor";
import { SalesOrderReferences } from "./sales-order-references";

export const ORDER_PAGE_SIZE = 250;
/** Visma.net's clock and ours may differ by this much when asking what changed since a failure. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** In a planned sales order whose customer is still to be created; the write step fills in the number. */
export const NEW_CUSTOMER_PLACEHOLDER = "(new customer)";

export type OrderPlan = {
  customer: { number: string } | { create: VismaCustomerCreate; email: string };
  salesOrder: NewSalesOrderCommand;
  /** What the shop knows about the order's shipping, to explain a refused freight cost (1310). */
  shipping: OrderShippingContext;
};

/** What an exported order's ledger row keeps (its `meta`): the sales order's type, and the steps' results. */
export type ExportedOrderMeta = { type?: string; shipmentNumbers?: string[]; shopStatus?: string };

export class OrderExportRun {
  constructor(
    readonly ctx: SyncRunContext,
    readonly cscart: CsCartClient,
    readonly visma: VismaClient,
    readonly directory: CustomerDirectory,
    readonly mapping: OrderMapping,
    readonly references: SalesOrderReferences,
    /** Visma.net has no customer field called "administration"; it is the sales order's branch. */
    readonly branchId: string | undefined,
    /** The customer index's refresh, started in open. */
    private readonly customersIndexed: Promise<void>,
  ) {}

  /** Reads of full orders under way (recover starts one, map awaits it). */
  private readonly orderReads = new WeakMap<OrderRef, Promise<CsCartOrder>>();

  static async open(ctx: SyncRunContext, options: { httpAttempts: number }): Promise<OrderExportRun> {
    const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: options.httpAttempts, module: ctx.module });
    const mapping = await getActiveMapping(ctx.tenantId, "order");
    ctx.log.info(
      mapping.version === null ? logLine("defaultMapping", { mapping: "order" }) : logLine("mappingVersion", { mapping: "order", version: mapping.version }),
    );
    const directory = new CustomerDirectory(ctx.tenantId, visma);
    // Visma.net's customers are read while the shop lists its orders (read awaits both): one round trip less before the first order.
    const customersIndexed = directory.startRefresh().then((count) => ctx.log.info(logLine("customerIndexRefreshed", { count })));
    customersIndexed.catch(() => {}); // awaited in read; a retry run's orders meet the error in map
    return new OrderExportRun(
      ctx,
      cscart,
      visma,
      directory,
      mapping.config,
      new SalesOrderReferences(visma),
      branchIdFor(debtorDefaultsOf(ctx)),
      customersIndexed,
    );
  }

  /** The orders changed since the cursor, page by page; always at least one page, which says how the shop was listed. */
  async *read(cursor: ShopOrderCursor): AsyncGenerator<OrderPage> {
    const { settings } = this.ctx;
    // Orders at or below the chosen start number are never exported: an old shop need not list them at all.
    const [changes] = await Promise.all([
      this.cscart.listOrderChanges(
        { ...cursor, lastOrderId: Math.max(cursor.lastOrderId, startOrderId(settings.orderExportStart)) },
        { status: settings.exportStatuses, itemsPerPage: ORDER_PAGE_SIZE },
      ),
      this.customersIndexed,
    ]);
    const listing = { mode: changes.mode, listedAt: changes.listedAt };
    if (changes.mode === "order_id") this.ctx.log.info(logLine("shopListsByOrderId", {}));
    let yielded = false;
    // Page by page, so memory stays flat however many orders the window holds.
    for await (const page of changes.pages) {
      yielded = true;
      yield { page: page.page, listing, items: page.items.map((summary) => this.refOf(summary, listing.mode, listing.listedAt)) };
    }
    if (!yielded) yield { page: 1, listing, items: [] };
  }

  private refOf(summary: { order_id: string; status: string; timestamp?: number }, mode: OrderPage["listing"]["mode"], listedAt: number): OrderRef {
    const ref: OrderRef = { orderId: String(summary.order_id), listedStatus: summary.status, ...(summary.timestamp ? { createdAt: summary.timestamp } : {}) };
    // An old shop's cursor waits for a young order not yet in an exported status (unless it is before the start anyway).
    if (
      mode === "order_id" &&
      !this.exportsStatus(summary.status) &&
      this.beforeStartReason({ orderId: Number(ref.orderId), placedAt: ref.createdAt }) === null
    ) {
      const young = (ref.createdAt ?? listedAt) > listedAt - HOLD_DAYS * 86_400;
      if (young) ref.waiting = true;
      else this.ctx.log.info(logLine("orderNoLongerHeld", { orderId: ref.orderId, status: summary.status, days: HOLD_DAYS }));
    }
    return ref;
  }

  /** A retried order, read in full; undefined when the shop no longer has it. */
  async readOne(orderId: string): Promise<OrderRef | undefined> {
    const order = await unlessNotFound(this.cscart.getOrder(orderId));
    return order ? { orderId, listedStatus: order.status, createdAt: order.timestamp, detail: order } : undefined;
  }

  private exportsStatus(status: string | undefined): boolean {
    return this.ctx.settings.exportStatuses.includes(status ?? "");
  }

  /**
   * Orders in a status the tenant exports, from where order export starts on. The start point is
   * checked again on the full order (map), so an order read again later (a retry) passes it too.
   */
  selects(order: OrderRef): boolean {
    if (!this.exportsStatus(order.listedStatus)) return false;
    return this.beforeStartReason({ orderId: Number(order.orderId), placedAt: order.createdAt }) === null;
  }

  /** Why an order is left out by where order export starts, or null when it is not. No start chosen: every order is left out. */
  private beforeStartReason(order: { orderId: number; placedAt?: number }): RecordWords | null {
    const start = this.ctx.settings.orderExportStart;
    if (!start) return recordWords("noStartChosen", {}, describeOrderExportStart(null));
    const byTime = start.kind === "fromDate" || (start.kind === "newOrders" && start.afterOrderId === null);
    // A listing row without its placing time is judged on the full order, in map.
    if (byTime && order.placedAt === undefined) return null;
    const placed = { orderId: order.orderId, placedAt: order.placedAt ?? 0 };
    return isBeforeOrderExportStart(placed, start)
      ? recordWords("beforeStart", { orderId: String(order.orderId) }, orderBeforeStartReason(placed, start))
      : null;
  }

  /** The full order, read once per run (one read however many ask at once) and kept on the ref for the steps after the export. */
  private orderOf(ref: OrderRef): Promise<CsCartOrder> {
    if (ref.detail) return Promise.resolve(ref.detail);
    let reading = this.orderReads.get(ref);
    if (!reading) {
      reading = this.cscart.getOrder(ref.orderId).then((order) => (ref.detail = order));
      this.orderReads.set(ref, reading);
    }
    return reading;
  }

  /**
   * Proof of absence before every post: the sales order carrying CSCART-<id>, if Visma.net has one
   * (an earlier attempt whose answer was lost, or an export a restored database forgot).
   */
  async recover(ref: OrderRef): Promise<Written | undefined> {
    // The full order is read meanwhile: map needs it next (and the steps after a recovered export).
    const reading = this.orderOf(ref);
    reading.catch(() => {}); // map meets the error, or recover below
    const createdAt = ref.createdAt ?? (await reading).timestamp;
    const existing = await this.references.find(customerOrderReference(ref.orderId), new Date(createdAt * 1000));
    return existing ? { targetId: existing.orderId, meta: { type: existing.type, recovered: true } } : undefined;
  }

  async map(ref: OrderRef): Promise<MapResult<OrderPlan>> {
    const { settings } = this.ctx;
    const order = await this.orderOf(ref);
    // Never anything from before where order export starts, however the order came here.
    const beforeStart = this.beforeStartReason({ orderId: Number(order.order_id), placedAt: order.timestamp });
    if (beforeStart) return { action: "skip", reason: beforeStart };
    // Its status changed since it was listed: not for export now; a later change brings it back.
    if (!this.exportsStatus(order.status))
      return { action: "skip", reason: recordWords("statusNotExported", { status: order.status }, `Order status ${order.status} is not exported.`) };
    const email = order.email?.trim();
    if (!email) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id} has no e-mail address, so no Visma.net customer can be matched or created.`, {
        params: { variant: "noEmail", orderId: order.order_id },
      });
    }
    const number = await this.directory.find(email);
    const { command: salesOrder, warnings } = mapShopOrderToSalesOrder(order, {
      pricesIncludeVat: settings.pricesIncludeVat,
      customerNumber: number ?? NEW_CUSTOMER_PLACEHOLDER,
      ...(this.branchId ? { branchId: this.branchId } : {}),
      mapping: this.mapping,
    });
    for (const warning of warnings) this.ctx.log.warn(warning);
    // A new customer's warnings repeat the order's own (same billing address and contact).
    const customer = number ? { number } : { create: this.newCustomer(order), email };
    const shipping: OrderShippingContext = {
      ...(salesOrder.shipping?.shipViaId ? { shipViaId: salesOrder.shipping.shipViaId } : {}),
      shippingMethods: order.shipping.map((method) => ({ id: method.shipping_id ?? "", name: method.shipping })),
    };
    // In words, for a dry run: which customer the order goes to, or that one would be created first.
    const target = number
      ? recordWords("newSalesOrder", { customerNumber: number }, `a new Visma.net sales order for customer ${number}`)
      : recordWords("newSalesOrderAndCustomer", { email }, `a new Visma.net sales order, and a new Visma.net customer for ${email}`);
    return { action: "create", target, payload: { customer, salesOrder, shipping }, payloadHash: null };
  }

  private newCustomer(order: CsCartOrder): VismaCustomerCreate {
    const { customer } = mapShopOrderToNewCustomer(order, debtorDefaultsOf(this.ctx));
    const classId = this.mapping.newCustomerClassId;
    return classId ? { ...customer, customerClassId: { value: classId } } : customer;
  }

  async write(plan: PlannedWrite<OrderPlan>, ref: OrderRef): Promise<Written> {
    const { customer, salesOrder, shipping } = plan.payload;
    let customerNumber: string;
    if ("number" in customer) {
      customerNumber = customer.number;
    } else {
      const resolved = await this.directory.resolve(customer.email, customer.create).catch((caught: unknown) => {
        throw newCustomerRefused(toAppError(caught));
      });
      customerNumber = resolved.customerNumber;
      if (resolved.created) this.ctx.log.info(logLine("customerCreated", { customerNumber, orderId: ref.orderId }));
    }
    const created = await this.visma.createSalesOrder({ ...salesOrder, customer: { ...salesOrder.customer, id: customerNumber } }).catch((caught: unknown) => {
      throw explainOrderError(toAppError(caught), shipping);
    });
    this.references.remember(salesOrder.customer.order, created);
    this.ctx.log.info(logLine("orderExported", { orderId: ref.orderId, salesOrder: created.orderId }), { customerNumber });
    // The customer number is not kept: it points at a person, and nothing needs it later.
    return { targetId: created.orderId, meta: { type: created.type } satisfies ExportedOrderMeta };
  }

  // ---- steps after the export (FollowUpStep in define-sync-module.ts) ----

  shipsOnExport(): boolean {
    return this.ctx.settings.shipOnExport;
  }

  setsShopStatus(): boolean {
    return this.ctx.settings.statusAfterExport !== null;
  }

  /** Tenants that reduce stock by shipment: ship the order in Visma.net (safe to repeat: see shipSalesOrder). */
  async ship(ref: OrderRef, written: Written): Promise<ExportedOrderMeta> {
    const type = typeOf(written, this.mapping);
    const { shipmentNumbers } = await this.visma.shipSalesOrder(type, written.targetId);
    this.ctx.log.info(
      shipmentNumbers.length
        ? logLine("shipmentConfirmed", { orderId: ref.orderId, shipments: shipmentNumbers })
        : logLine("nothingLeftToShip", { orderId: ref.orderId }),
    );
    return { shipmentNumbers };
  }

  /**
   * The shop order gets the status the tenant chose for exported orders. Only while it is still in
   * an exported status: a status someone (or order progress) set since is not overwritten.
   */
  async setShopStatus(ref: OrderRef): Promise<ExportedOrderMeta> {
    const { statusAfterExport, notifyCustomerOfStatus } = this.ctx.settings;
    if (!statusAfterExport) return {};
    const order = await this.orderOf(ref);
    if (order.status === statusAfterExport) return { shopStatus: statusAfterExport };
    if (!this.exportsStatus(order.status)) {
      this.ctx.log.info(logLine("shopStatusKept", { orderId: ref.orderId, status: order.status }));
      return {};
    }
    await this.cscart.updateOrderStatus(ref.orderId, statusAfterExport, { notifyCustomer: notifyCustomerOfStatus });
    order.status = statusAfterExport;
    this.ctx.log.info(logLine("shopStatusSet", { orderId: ref.orderId, status: statusAfterExport, notified: notifyCustomerOfStatus }));
    return { shopStatus: statusAfterExport };
  }

  /** Which of the Visma.net articles orders wait for ("visma-item:<sku>") changed since `since`: one listing of the items changed since then. */
  async changedRemotely(keys: string[], since: Date): Promise<Set<string>> {
    const wanted = new Map(keys.filter((key) => key.startsWith("visma-item:")).map((key) => [key.slice("visma-item:".length).trim().toLowerCase(), key]));
    const changed = new Set<string>();
    if (!wanted.size) return changed;
    for await (const page of this.visma.listInventoryPages({
      modifiedSince: new Date(since.getTime() - CLOCK_SKEW_MS),
      expandWarehouseDetail: false,
      expandAttachment: false,
    })) {
      for (const item of page.items) {
        const key = wanted.get(item.inventoryNumber.trim().toLowerCase());
        if (key) changed.add(key);
      }
    }
    return changed;
  }

  async notifyFailed(orderId: string, error: AppError): Promise<void> {
    const { ctx } = this;
    await notifyOrderFailed({
      tenantId: ctx.tenantId,
      tenantName: ctx.tenant.name,
      // The same people as the alerts: owners and admins (unless muted) and the alert list.
      recipients: (await alertRecipients(ctx.tenantId)).map((recipient) => recipient.email),
      orderId,
      error,
      dashboardUrl: `${env().PUBLIC_BASE_URL}/${ctx.tenant.slug}/runs/${ctx.runId}`,
    });
  }
}

/** The order number at or below which no order is exported (0 when the start is a time, or not chosen). */
function startOrderId(start: OrderExportStart | null): number {
  return start && start.kind !== "fromDate" ? (start.afterOrderId ?? 0) : 0;
}

/** The sales order type of an exported order (kept on its ledger row; older rows: the mapping's). */
function typeOf(written: Written, mapping: OrderMapping): string {
  return typeof written.meta?.type === "string" ? written.meta.type : mapping.orderType;
}

/**
 * Visma.net refusing a new customer is about the tenant's defaults for new customers (payment terms,
 * collection account): the order waits for the settings to change, then is tried again.
 */
function newCustomerRefused(error: AppError): AppError {
  if (error.code !== "REMOTE_VALIDATION") return error;
  return new AppError(
    "REMOTE_VALIDATION",
    `Visma.net refused to create the order's new customer: ${error.message} Check the defaults for new customers in Settings (and test the Visma.net connection), then retry the order.`,
    { details: { ...error.details, waitsFor: WAITS_FOR_SETTINGS }, cause: error },
  );
}

function debtorDefaultsOf(ctx: SyncRunContext) {
  return {
    paymentTerms: ctx.settings.debtorPaymentTerms,
    collectionAccount: ctx.settings.debtorCollectionAccount,
    administration: ctx.settings.debtorAdministration,
  };
}
