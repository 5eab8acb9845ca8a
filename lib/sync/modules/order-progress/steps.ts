/**
 * Order progress's steps (Visma.net → CS-Cart, for orders APIcenter exported): a confirmed Visma.net
 * shipment becomes a CS-Cart shipment with its carrier and tracking number, and a sales order status
 * the tenant mapped (e.g. Completed → C) becomes the shop order's status. Each is an event with its
 * own ledger row (`<shop order>:shipment:<shipment number>`, `<shop order>:status:<status>`), so it
 * happens exactly once; before a CS-Cart shipment is created the shop's shipments of the order are
 * read, and one already carrying the Visma.net shipment number in its comments is recorded instead
 * (CS-Cart has no other key for a shipment: never write without proof).
 *
 * Which Visma.net fields and CS-Cart fields are read and written: docs/api-facts.md, "Order progress".
 */
import type { CsCartClient } from "../../../integrations/cscart/client";
import type { CsCartOrder, CsCartShipmentPayload } from "../../../integrations/cscart/schemas";
import type { VismaClient } from "../../../integrations/visma/client";
import type { SalesOrderListItem, VismaShipment } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { db } from "../../../db";
import { AppError } from "../../../errors";
import { logLine } from "../../../logs/log-line";
import { getActiveMapping } from "../../../mappings/get-active-mapping";
import { recordWords, type MapResult, type PlannedWrite, type Written } from "../../engine/define-sync-module";
import type { SyncRunContext } from "../../engine/run-context";
import { unlessNotFound } from "../../engine/unless-not-found";
import type { OrderMapping } from "../../transform/order-mapping";

/** Visma.net shipment statuses after confirmation: the goods have left. */
export const SHIPPED_STATUSES = ["Confirmed", "Completed", "Invoiced", "PartiallyInvoiced"];
const CUSTOMER_ORDER_PREFIX = "CSCART-";

type SalesOrderRef = { type: string; orderId: string };

export type ProgressEvent =
  | {
      kind: "shipment";
      externalId: string;
      shopOrderId: string;
      salesOrder: SalesOrderRef;
      shipment: {
        number: string;
        shipViaId: string;
        shipViaDescription: string;
        trackingNumbers: string[];
        lines: { inventoryNumber: string; quantity: number }[];
      };
    }
  | { kind: "status"; externalId: string; shopOrderId: string; salesOrder: SalesOrderRef; vismaStatus: string };

export type ProgressWrite = { kind: "shipment"; shipment: CsCartShipmentPayload } | { kind: "status"; orderId: string; status: string };

/** The comment a CS-Cart shipment made by APIcenter carries: how it is found again. */
export function shipmentMarker(shipmentNumber: string): string {
  return `Visma.net shipment ${shipmentNumber}`;
}

export class OrderProgressRun {
  constructor(
    readonly ctx: SyncRunContext,
    readonly cscart: CsCartClient,
    readonly visma: VismaClient,
    readonly mapping: OrderMapping,
  ) {}

  static async open(ctx: SyncRunContext, options: { httpAttempts: number }): Promise<OrderProgressRun> {
    const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: options.httpAttempts });
    const mapping = await getActiveMapping(ctx.tenantId, "order");
    return new OrderProgressRun(ctx, cscart, visma, mapping.config);
  }

  /** Shipments, then sales orders, changed since `since`, as events of orders APIcenter exported. */
  async *read(since: Date | undefined): AsyncGenerator<{ items: ProgressEvent[]; page: number }> {
    let page = 0;
    if (this.mapping.progress.createShopShipments) {
      for await (const shipments of this.visma.listShipmentPages({ modifiedSince: since })) {
        const confirmed = shipments.items.filter((shipment) => SHIPPED_STATUSES.includes(shipment.status ?? ""));
        const shopOrders = await this.exportedOrders(confirmed.flatMap((shipment) => salesOrdersOf(shipment)));
        yield { page: ++page, items: confirmed.flatMap((shipment) => this.shipmentEvents(shipment, shopOrders)) };
      }
    }
    const mappedStatuses = Object.keys(this.mapping.progress.shopStatusByVismaStatus);
    if (!mappedStatuses.length) return;
    for await (const orders of this.visma.listSalesOrderPages({ modifiedSince: since, orderBy: "lastModified asc" })) {
      const ours = orders.items.filter((order) => (referenceOf(order) ?? "").startsWith(CUSTOMER_ORDER_PREFIX) && mappedStatuses.includes(order.status ?? ""));
      const shopOrders = await this.exportedOrders(ours.map((order) => ({ type: order.type ?? "", orderId: order.orderId ?? "" })));
      yield { page: ++page, items: ours.flatMap((order) => this.statusEvent(order, shopOrders)) };
    }
  }

  /**
   * The shop orders APIcenter exported as these sales orders: order export's ledger rows (their
   * target id is the sales order number, their meta its type). Others' orders are none of ours.
   */
  private async exportedOrders(salesOrders: SalesOrderRef[]): Promise<Map<string, string>> {
    const numbers = [...new Set(salesOrders.map((order) => order.orderId).filter(Boolean))];
    if (!numbers.length) return new Map();
    const rows = await db.syncItem.findMany({
      where: { tenantId: this.ctx.tenantId, module: "ORDER_EXPORT", targetId: { in: numbers } },
      select: { externalId: true, targetId: true, meta: true },
    });
    return new Map(rows.map((row) => [`${typeOfRow(row.meta, this.mapping)}/${row.targetId}`, row.externalId]));
  }

  private shipmentEvents(shipment: VismaShipment, shopOrders: Map<string, string>): ProgressEvent[] {
    return salesOrdersOf(shipment).flatMap((salesOrder) => {
      const shopOrderId = shopOrders.get(`${salesOrder.type}/${salesOrder.orderId}`);
      if (!shopOrderId || !shipment.shipmentNumber) return [];
      const lines = shipment.shipmentDetailLines
        .filter((line) => (line.orderNbr ?? salesOrder.orderId) === salesOrder.orderId)
        .map((line) => ({ inventoryNumber: line.inventoryNumber ?? "", quantity: line.shippedQty ?? 0 }));
      return [
        {
          kind: "shipment" as const,
          externalId: `${shopOrderId}:shipment:${shipment.shipmentNumber}`,
          shopOrderId,
          salesOrder,
          shipment: {
            number: shipment.shipmentNumber,
            shipViaId: shipment.shipVia?.id ?? "",
            shipViaDescription: shipment.shipVia?.description ?? "",
            trackingNumbers: shipment.shipmentPackageLines.map((line) => line.trackingNumber?.trim() ?? "").filter(Boolean),
            lines,
          },
        },
      ];
    });
  }

  private statusEvent(order: SalesOrderListItem, shopOrders: Map<string, string>): ProgressEvent[] {
    const salesOrder = { type: order.type ?? "", orderId: order.orderId ?? "" };
    const shopOrderId = shopOrders.get(`${salesOrder.type}/${salesOrder.orderId}`);
    // customer.order says which shop order it is; the ledger says APIcenter exported it.
    if (!shopOrderId || referenceOf(order) !== `${CUSTOMER_ORDER_PREFIX}${shopOrderId}`) return [];
    const vismaStatus = order.status ?? "";
    return [{ kind: "status", externalId: `${shopOrderId}:status:${vismaStatus}`, shopOrderId, salesOrder, vismaStatus }];
  }

  /** An event read again for a retry: the shipment, or the sales order still in that status; undefined when gone. */
  async readOne(externalId: string): Promise<ProgressEvent | undefined> {
    const [shopOrderId = "", kind, key = ""] = externalId.split(":");
    const exported = await db.syncItem.findFirst({
      where: { tenantId: this.ctx.tenantId, module: "ORDER_EXPORT", externalId: shopOrderId },
      select: { targetId: true, meta: true },
    });
    if (!exported?.targetId) return undefined;
    const salesOrder = { type: typeOfRow(exported.meta, this.mapping), orderId: exported.targetId };
    if (kind === "shipment") {
      const shipment = await unlessNotFound(this.visma.getShipment(key));
      return shipment ? this.shipmentEvents(shipment, new Map([[`${salesOrder.type}/${salesOrder.orderId}`, shopOrderId]]))[0] : undefined;
    }
    const order = await unlessNotFound(this.visma.getSalesOrder(salesOrder.type, salesOrder.orderId));
    if (!order || order.status.description !== key) return undefined;
    return { kind: "status", externalId, shopOrderId, salesOrder, vismaStatus: key };
  }

  /** Proof before writing: the shop has this shipment already (by its marker), or the order has this status already. */
  async recover(event: ProgressEvent): Promise<Written | undefined> {
    if (event.kind === "shipment") {
      const marker = shipmentMarker(event.shipment.number);
      const existing = (await this.cscart.listOrderShipments(event.shopOrderId)).find((shipment) => shipment.comments.includes(marker));
      return existing ? { targetId: existing.shipment_id, meta: { recovered: true } } : undefined;
    }
    return undefined;
  }

  async map(event: ProgressEvent): Promise<MapResult<ProgressWrite>> {
    const order = await unlessNotFound(this.cscart.getOrder(event.shopOrderId));
    if (!order)
      return { action: "skip", reason: recordWords("shopOrderGone", { orderId: event.shopOrderId }, `The shop no longer has order ${event.shopOrderId}.`) };
    return event.kind === "shipment" ? this.planShipment(event, order) : this.planStatus(event, order);
  }

  private planShipment(event: Extract<ProgressEvent, { kind: "shipment" }>, order: CsCartOrder): MapResult<ProgressWrite> {
    const { shipment } = event;
    const products = shopItemsShipped(order, shipment.lines);
    if (!Object.keys(products).length)
      return {
        action: "skip",
        reason: recordWords(
          "shipmentNothingLeft",
          { shipmentNumber: shipment.number, orderId: order.order_id },
          `Nothing of Visma.net shipment ${shipment.number} is left to ship on shop order ${order.order_id}.`,
        ),
      };
    const carrier = this.mapping.progress.carrierByShipVia[shipment.shipViaId] ?? shipment.shipViaId;
    const trackingNumber = shipment.trackingNumbers.join(", ");
    if (!carrier && !trackingNumber) {
      throw new AppError(
        "ORDER_INVALID",
        `Visma.net shipment ${shipment.number} has neither a Ship via nor a tracking number; a CS-Cart shipment needs one of them. Add the Ship via or the package's tracking number in Visma.net, then retry.`,
        {
          params: { variant: "shipmentUntracked", shipmentNumber: shipment.number },
        },
      );
    }
    const shippingId = Number(order.shipping[0]?.shipping_id ?? order.shipping_ids.split(",")[0] ?? 0);
    if (!shippingId) {
      throw new AppError("ORDER_INVALID", `Shop order ${order.order_id} has no shipping method; CS-Cart needs one for a shipment.`, {
        params: { variant: "noShippingMethod", orderId: order.order_id },
      });
    }
    const payload: CsCartShipmentPayload = {
      order_id: Number(order.order_id),
      shipping_id: shippingId,
      tracking_number: trackingNumber,
      carrier,
      comments: shipmentMarker(shipment.number),
      products,
    };
    return {
      action: "create",
      target: recordWords("shopShipment", { orderId: order.order_id }, `a CS-Cart shipment of order ${order.order_id}`),
      payload: { kind: "shipment", shipment: payload },
      payloadHash: null,
    };
  }

  private planStatus(event: Extract<ProgressEvent, { kind: "status" }>, order: CsCartOrder): MapResult<ProgressWrite> {
    const status = this.mapping.progress.shopStatusByVismaStatus[event.vismaStatus];
    if (!status)
      return {
        action: "skip",
        reason: recordWords("vismaStatusUnmapped", { status: event.vismaStatus }, `Visma.net status ${event.vismaStatus} is not mapped to a shop status.`),
      };
    if (order.status === status)
      return {
        action: "skip",
        reason: recordWords("shopStatusAlready", { orderId: order.order_id, status }, `Shop order ${order.order_id} has status ${status} already.`),
      };
    return {
      action: "update",
      target: recordWords("shopOrderStatus", { orderId: order.order_id }, `the status of CS-Cart order ${order.order_id}`),
      payload: { kind: "status", orderId: order.order_id, status },
      payloadHash: null,
    };
  }

  async write(plan: PlannedWrite<ProgressWrite>): Promise<Written> {
    const write = plan.payload;
    if (write.kind === "shipment") {
      const { shipmentId } = await this.cscart.createShipment(write.shipment);
      this.ctx.log.info(
        logLine("shopShipmentCreated", {
          orderId: String(write.shipment.order_id),
          shipmentId,
          marker: write.shipment.comments,
          hasTracking: Boolean(write.shipment.tracking_number),
          trackingNumber: write.shipment.tracking_number,
        }),
      );
      return { targetId: shipmentId, meta: { trackingNumber: write.shipment.tracking_number, carrier: write.shipment.carrier } };
    }
    await this.cscart.updateOrderStatus(write.orderId, write.status, { notifyCustomer: this.ctx.settings.notifyCustomerOfStatus });
    this.ctx.log.info(logLine("shopStatusSet", { orderId: write.orderId, status: write.status, notified: this.ctx.settings.notifyCustomerOfStatus }));
    return { targetId: write.status };
  }
}

function referenceOf(order: SalesOrderListItem): string | undefined {
  return order.customerOrder ?? order.customer?.order ?? undefined;
}

function salesOrdersOf(shipment: VismaShipment): SalesOrderRef[] {
  const fromOrders = shipment.shipmentOrderLines.map((line) => ({ type: line.orderType ?? "", orderId: line.orderNbr ?? "" }));
  const fromLines = shipment.shipmentDetailLines.map((line) => ({ type: line.orderType ?? "", orderId: line.orderNbr ?? "" }));
  const all = [...fromOrders, ...fromLines].filter((order) => order.type && order.orderId);
  return [...new Map(all.map((order) => [`${order.type}/${order.orderId}`, order])).values()];
}

/** The sales order type on an order export row (older rows have none: the mapping's). */
function typeOfRow(meta: unknown, mapping: OrderMapping): string {
  const type = meta !== null && typeof meta === "object" ? (meta as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : mapping.orderType;
}

/**
 * The shop order lines a Visma.net shipment ships, by product code (the SKU is the item's inventory
 * number), each capped at what the shop has not shipped yet: item_id → amount.
 */
export function shopItemsShipped(order: CsCartOrder, lines: { inventoryNumber: string; quantity: number }[]): Record<string, number> {
  const shipped: Record<string, number> = {};
  const left = new Map(Object.values(order.products).map((line) => [line.item_id ?? "", Math.max(0, Number(line.amount) - Number(line.shipped_amount ?? 0))]));
  for (const line of lines) {
    let quantity = Math.floor(line.quantity);
    for (const product of Object.values(order.products)) {
      if (quantity <= 0) break;
      if (product.product_code.trim().toLowerCase() !== line.inventoryNumber.trim().toLowerCase()) continue;
      const itemId = product.item_id ?? "";
      const amount = Math.min(quantity, left.get(itemId) ?? 0);
      if (amount <= 0) continue;
      shipped[itemId] = (shipped[itemId] ?? 0) + amount;
      left.set(itemId, (left.get(itemId) ?? 0) - amount);
      quantity -= amount;
    }
  }
  return shipped;
}
