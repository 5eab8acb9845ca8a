/**
 * Order export's steps: each new CS-Cart order in the tenant's statuses becomes exactly one
 * Visma.net sales order (SalesOrder V3). The engine's claim ledger and watermark cursor carry the
 * exactly-once protocol (docs/architecture.md); these steps supply the parts that know orders:
 * listing them, looking up a sales order an earlier attempt may have posted (by customer.order =
 * CSCART-<id>), mapping the order and its customer, posting, and the failure e-mail.
 */
import type { CsCartClient } from "../../../integrations/cscart/client";
import type { VismaClient } from "../../../integrations/visma/client";
import type { NewSalesOrderCommand, VismaCustomerCreate } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { db } from "../../../db";
import { env } from "../../../env";
import { AppError, toAppError } from "../../../errors";
import { logLine } from "../../../logs/log-line";
import { notifyOrderFailed } from "../../../notify/notify-order-failed";
import type { MapResult, PlannedWrite, Written } from "../../engine/define-sync-module";
import type { SyncRunContext } from "../../engine/run-context";
import { branchIdFor, customerOrderReference, mapShopOrderToNewCustomer, mapShopOrderToSalesOrder } from "../../transform";
import { explainOrderError, type OrderShippingContext } from "../../transform/explain-order-error";
import { CustomerDirectory } from "./customer-directory";

export const ORDER_PAGE_SIZE = 250;
/** A sales order posted by an earlier attempt shows up as modified after this point. */
const LOOKUP_MARGIN_MS = 15 * 60_000;
/** In a planned sales order whose customer is still to be created; the write step fills in the number. */
export const NEW_CUSTOMER_PLACEHOLDER = "(new customer)";

/** An order as listed: enough to select it and move the cursor; the write reads the full order. */
export type OrderRef = { orderId: string; listedStatus?: string; updatedAt: number };

export type OrderPlan = {
  customer: { number: string } | { create: VismaCustomerCreate; email: string };
  salesOrder: NewSalesOrderCommand;
  /** Create and confirm a Visma.net shipment afterwards (tenants that reduce stock by shipment). */
  ship: boolean;
  /** What the shop knows about the order's shipping, to explain a refused freight cost (1310). */
  shipping: OrderShippingContext;
};

export class OrderExportRun {
  private earlierSalesOrders?: Promise<Map<string, { type: string; orderId: string }>>;

  constructor(
    readonly ctx: SyncRunContext,
    readonly cscart: CsCartClient,
    readonly visma: VismaClient,
    readonly directory: CustomerDirectory,
    /** Visma.net has no customer field called "administration"; it is the sales order's branch. */
    readonly branchId: string | undefined,
  ) {}

  static async open(ctx: SyncRunContext, options: { httpAttempts: number }): Promise<OrderExportRun> {
    const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: options.httpAttempts });
    const directory = new CustomerDirectory(ctx.tenantId, visma);
    const indexed = await directory.refresh();
    ctx.log.info(logLine("customerIndexRefreshed", { count: indexed }));
    return new OrderExportRun(ctx, cscart, visma, directory, branchIdFor(debtorDefaultsOf(ctx)));
  }

  async *read(updatedFrom: number): AsyncGenerator<{ items: OrderRef[]; page: number }> {
    // Page by page, so memory stays flat however many orders the window holds.
    for await (const page of this.cscart.listOrderPages({
      status: this.ctx.settings.exportStatuses,
      updatedFrom,
      sortBy: "order_id",
      sortOrder: "asc",
      itemsPerPage: ORDER_PAGE_SIZE,
    })) {
      yield {
        page: page.page,
        items: page.items.map((summary) => ({
          orderId: String(summary.order_id),
          listedStatus: summary.status,
          updatedAt: Number(summary.updated_at ?? summary.timestamp ?? 0),
        })),
      };
    }
  }

  /** Orders above the offset, in a status the tenant exports. */
  selects(order: OrderRef): boolean {
    return Number(order.orderId) > this.ctx.settings.orderOffset && this.ctx.settings.exportStatuses.includes(order.listedStatus ?? "");
  }

  /** The sales order an earlier attempt of this order posted, if Visma.net has one. */
  async recover(orderId: string): Promise<Written | undefined> {
    const existing = (await this.salesOrdersPostedEarlier()).get(customerOrderReference(orderId));
    return existing ? { targetId: existing.orderId, meta: { type: existing.type, recovered: true } } : undefined;
  }

  async map(ref: OrderRef): Promise<MapResult<OrderPlan>> {
    const { settings } = this.ctx;
    const order = await this.cscart.getOrder(ref.orderId);
    // Its status changed since it was listed: not for export now; a later change brings it back.
    if (!settings.exportStatuses.includes(order.status)) return { action: "skip", reason: `Order status ${order.status} is not exported.` };
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
      shipViaByShippingId: settings.shippingMethodMap,
    });
    for (const warning of warnings) this.ctx.log.warn(warning);
    // A new customer's warnings repeat the order's own (same billing address and contact).
    const customer = number ? { number } : { create: mapShopOrderToNewCustomer(order, debtorDefaultsOf(this.ctx)).customer, email };
    const shipping: OrderShippingContext = {
      ...(salesOrder.shipping?.shipViaId ? { shipViaId: salesOrder.shipping.shipViaId } : {}),
      shippingMethods: order.shipping.map((method) => ({ id: method.shipping_id ?? "", name: method.shipping })),
    };
    return { action: "create", target: "a new Visma.net sales order", payload: { customer, salesOrder, ship: settings.shipOnExport, shipping }, payloadHash: null };
  }

  async write(plan: PlannedWrite<OrderPlan>, ref: OrderRef): Promise<Written> {
    const { customer, salesOrder, ship, shipping } = plan.payload;
    let customerNumber: string;
    if ("number" in customer) {
      customerNumber = customer.number;
    } else {
      const resolved = await this.directory.resolve(customer.email, customer.create);
      customerNumber = resolved.customerNumber;
      if (resolved.created) this.ctx.log.info(logLine("customerCreated", { customerNumber, orderId: ref.orderId }));
    }
    const created = await this.visma
      .createSalesOrder({ ...salesOrder, customer: { ...salesOrder.customer, id: customerNumber } })
      .catch((caught: unknown) => {
        throw explainOrderError(toAppError(caught), shipping);
      });
    this.ctx.log.info(logLine("orderExported", { orderId: ref.orderId, salesOrder: created.orderId }), { customerNumber });
    return {
      targetId: created.orderId,
      meta: { type: created.type, customerNumber },
      ...(ship ? { afterwards: () => this.ship(ref.orderId, created) } : {}),
    };
  }

  async notifyFailed(orderId: string, error: AppError): Promise<void> {
    const { ctx } = this;
    await notifyOrderFailed({
      tenantId: ctx.tenantId,
      tenantName: ctx.tenant.name,
      recipients: ctx.settings.failureEmailRecipients,
      orderId,
      error,
      dashboardUrl: `${env().PUBLIC_BASE_URL}/${ctx.tenant.slug}/runs/${ctx.runId}`,
    });
  }

  /**
   * Sales orders that earlier attempts may have created, by customer.order: one listing per run
   * (orders modified since the oldest unfinished claim), instead of one listing per order to check.
   * Orders first claimed in this run are never looked up in this run, so the snapshot suffices.
   */
  private salesOrdersPostedEarlier(): Promise<Map<string, { type: string; orderId: string }>> {
    this.earlierSalesOrders ??= (async () => {
      const oldest = await db.syncItem.aggregate({
        where: { tenantId: this.ctx.tenantId, module: this.ctx.module, attempts: { gt: 0 }, state: { not: "DONE" } },
        _min: { firstClaimedAt: true },
      });
      const since = new Date((oldest._min.firstClaimedAt ?? new Date()).getTime() - LOOKUP_MARGIN_MS);
      const byReference = new Map<string, { type: string; orderId: string }>();
      for await (const page of this.visma.listSalesOrderPages({ modifiedSince: since, orderBy: "lastModified asc" })) {
        for (const order of page.items) {
          const reference = order.customerOrder ?? order.customer?.order;
          if (reference && order.orderId) byReference.set(reference, { type: order.type ?? "SO", orderId: order.orderId });
        }
      }
      return byReference;
    })();
    this.earlierSalesOrders.catch(() => (this.earlierSalesOrders = undefined));
    return this.earlierSalesOrders;
  }

  /** Tenants that reduce stock by shipment: create and confirm the shipment. The order itself is done either way. */
  private async ship(orderId: string, salesOrder: { type: string; orderId: string }): Promise<void> {
    const { shipmentNumbers } = await this.visma.shipSalesOrder(salesOrder.type, salesOrder.orderId);
    this.ctx.log.info(logLine("shipmentConfirmed", { orderId, shipments: shipmentNumbers }));
  }
}

function debtorDefaultsOf(ctx: SyncRunContext) {
  return {
    paymentTerms: ctx.settings.debtorPaymentTerms,
    collectionAccount: ctx.settings.debtorCollectionAccount,
    administration: ctx.settings.debtorAdministration,
  };
}
