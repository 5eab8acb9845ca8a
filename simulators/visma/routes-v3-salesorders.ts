/**
 * SalesOrder V3: POST /api/v3/SalesOrders (NewSalesOrderCommand, 201 + Location or ProblemDetails),
 * GET lists with pageIndex (0-based), pageSize, modifiedSince, customerId, status, filter, orderBy,
 * and GET /api/v3/SalesOrders/{type}/{orderId} with an ETag.
 */
import { hasJsonContentType, json, parseJsonBody, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import type { Router } from "../shared/router";
import { problemDetails } from "./errors";
import { bookOrder } from "./stock";
import { clock, findInventory, salesOrderKey, vatRateOfCode, type VismaSalesOrder, type VismaState } from "./state";
import { newSalesOrderCommandSchema, validateCommand, type NewSalesOrderCommand } from "./v3-command";
import { etagFor, rowVersionToken } from "./v1-query";

const DEFAULT_PAGE_SIZE = 100;
const EXPAND_MAX_PAGE_SIZE = 100;
const ORDER_BY: Record<string, (order: VismaSalesOrder) => number | string> = {
  created: (order) => order.createdAt,
  lastmodified: (order) => order.modifiedAt,
  orderid: (order) => order.orderId,
};

const iso = (epochMs: number) => new Date(epochMs).toISOString();

function orderTypeOf(state: VismaState, type: string) {
  return state.lookups.orderTypes[type];
}

/**
 * SalesOrderTotalsDto as the simulator computes it (docs/api-facts.md, "Order totals"): each line's
 * amount (quantity × unit price − discount) and the freight, grouped by VAT rate (the line's tax
 * category, else its item's VAT code; the freight's category, else its Ship via's); per rate the VAT
 * on the group's sum, rounded to the cent (document-level rounding; inferred); the order total is
 * the amounts plus the VAT. In cents, so no floating-point drift.
 */
export function orderTotals(
  state: VismaState,
  order: VismaSalesOrder,
): { lineTotal: number; discountTotal: number; freightCost: number; taxTotal: number; orderTotal: number } {
  const cents = (value: number) => Math.round(value * 100);
  const byRate = new Map<number, number>();
  let lineCents = 0;
  let discountCents = 0;
  for (const line of order.lines) {
    const extended = cents((line.unitPrice ?? 0) * line.quantity);
    const discount = line.discountAmount !== null ? cents(line.discountAmount) : Math.round((extended * (line.discountPercent ?? 0)) / 100);
    const item = findInventory(state, line.inventoryId);
    const rate = line.taxCategoryId ? (state.lookups.taxCategories[line.taxCategoryId] ?? 0) : item ? vatRateOfCode(state.lookups, item.vatCodeId) : 0;
    byRate.set(rate, (byRate.get(rate) ?? 0) + extended - discount);
    lineCents += extended - discount;
    discountCents += discount;
  }
  const freightCents = cents(order.freight.cost);
  if (freightCents) {
    const rate = state.lookups.taxCategories[order.freight.taxCategoryId] ?? 0;
    byRate.set(rate, (byRate.get(rate) ?? 0) + freightCents);
  }
  let taxCents = 0;
  for (const [rate, amount] of byRate) taxCents += Math.round((amount * rate) / 100);
  return {
    lineTotal: lineCents / 100,
    discountTotal: discountCents / 100,
    freightCost: freightCents / 100,
    taxTotal: taxCents / 100,
    orderTotal: (lineCents + freightCents + taxCents) / 100,
  };
}

function renderListItem(state: VismaState, order: VismaSalesOrder, baseUrl: string): Record<string, unknown> {
  return {
    type: order.type,
    orderId: order.orderId,
    status: order.status,
    date: order.date,
    requestOn: order.date,
    shippingScheduledDate: order.date,
    customerId: order.customerId,
    customerName: order.customerName,
    customerOrder: order.customerOrder,
    customerRefNo: order.customerRefNo,
    // Grouped customer block as in the order detail, so clients can match on customer.order.
    customer: { id: order.customerId, name: order.customerName, order: order.customerOrder, refNo: order.customerRefNo },
    description: order.description,
    currency: order.currencyId,
    location: null,
    orderQty: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    orderTotal: orderTotals(state, order).orderTotal,
    created: iso(order.createdAt),
    lastModified: iso(order.modifiedAt),
    _links: { self: { href: `${baseUrl}/api/v3/SalesOrders/${order.type}/${order.orderId}` } },
  };
}

function renderDetail(state: VismaState, order: VismaSalesOrder, baseUrl: string): Record<string, unknown> {
  const command = (order.command ?? {}) as NewSalesOrderCommand;
  const totals = orderTotals(state, order);
  return {
    ...renderListItem(state, order, baseUrl),
    // SalesOrderDto.status is a SalesOrderStatusDto; only the list DTO carries the plain text.
    status: { description: order.status, hold: order.status === "Hold", cancelled: false },
    note: command.note ?? null,
    branch: order.branchId ? { id: order.branchId, description: null } : null,
    billing: command.billing ?? null,
    shipping: command.shipping ?? null,
    freight: command.freight ?? null,
    paymentSettings: command.paymentSettings ?? null,
    orderLines: order.lines.map((line) => ({
      lineId: line.lineId,
      inventory: { id: line.inventoryId, description: line.description },
      description: line.description,
      quantity: line.quantity,
      openQuantity: line.quantity - line.shippedQuantity,
      unitPrice: line.unitPrice,
      hasManualPrice: line.hasManualPrice,
      discountPercent: line.discountPercent,
      discountAmount: line.discountAmount,
      hasManualDiscount: line.hasManualDiscount,
      warehouseId: line.warehouseId,
      taxCategoryId: line.taxCategoryId,
      operation: "Issue",
    })),
    totals: {
      orderTotal: totals.orderTotal,
      taxTotal: totals.taxTotal,
      discountTotal: totals.discountTotal,
      freightCost: totals.freightCost,
      lineTotal: totals.lineTotal,
    },
    timestamp: rowVersionToken(order.rowVersion),
  };
}

/** V3 dates without an offset are UTC. */
function parseModifiedSince(text: string): number | undefined {
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const value = Date.parse(withZone);
  return Number.isNaN(value) ? undefined : value;
}

function listOrders(state: VismaState, request: SimRequest, maxPageSize: number, type: string | undefined): SimResponse {
  const query = request.query;
  const pageIndex = Number(query.get("pageIndex") ?? 0);
  const hasExpand = (query.get("expand") ?? "") !== "";
  const requestedSize = Number(query.get("pageSize") ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize));
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || !Number.isInteger(requestedSize) || requestedSize < 1 || requestedSize > maxPageSize) {
    return problemDetails(400, `pageIndex must be >= 0 and pageSize between 1 and ${maxPageSize}`, request.path, [
      { code: "SIM-PagingOutOfRange", message: "pageSize or pageIndex is not within the allowed range", property: "pageSize", value: requestedSize },
    ]);
  }
  // Since release 10.92, any expand caps pageSize at 100.
  const pageSize = hasExpand ? Math.min(requestedSize, EXPAND_MAX_PAGE_SIZE) : requestedSize;
  const filters: ((order: VismaSalesOrder) => boolean)[] = [];
  if (type) filters.push((order) => order.type === type.toUpperCase());
  const customerId = query.get("customerId");
  if (customerId) filters.push((order) => order.customerId === customerId);
  const status = query.get("status");
  if (status) filters.push((order) => order.status.toLowerCase() === status.toLowerCase());
  const filter = query.get("filter");
  if (filter) filters.push((order) => order.orderId.toLowerCase().includes(filter.toLowerCase()));
  const modifiedSinceText = query.get("modifiedSince");
  if (modifiedSinceText) {
    const since = parseModifiedSince(modifiedSinceText);
    if (since === undefined)
      return problemDetails(400, "modifiedSince is not a valid date", request.path, [
        { code: "SIM-InvalidDate", message: "Invalid date", property: "modifiedSince", value: modifiedSinceText },
      ]);
    filters.push((order) => order.modifiedAt >= since);
  }
  const [field = "created", direction = "asc"] = (query.get("orderBy") ?? "created asc").trim().split(/\s+/);
  const sortKey = ORDER_BY[field.toLowerCase()];
  if (!sortKey || !["asc", "desc"].includes(direction.toLowerCase())) {
    return problemDetails(400, "orderBy must be created, lastModified or orderId, optionally followed by asc or desc", request.path, [
      { code: "SIM-InvalidOrderBy", message: "Invalid orderBy", property: "orderBy", value: query.get("orderBy") },
    ]);
  }
  const sign = direction.toLowerCase() === "desc" ? -1 : 1;
  const matching = [...state.salesOrders.values()].filter((order) => filters.every((check) => check(order)));
  matching.sort((a, b) => {
    const left = sortKey(a);
    const right = sortKey(b);
    return (left < right ? -1 : left > right ? 1 : a.createdAt - b.createdAt) * sign;
  });
  const start = pageIndex * pageSize;
  const page = matching.slice(start, start + pageSize);
  let nextPage: string | null = null;
  if (start + pageSize < matching.length) {
    const next = new URLSearchParams(query);
    next.set("pageIndex", String(pageIndex + 1));
    nextPage = `${request.baseUrl}${request.path}?${next.toString()}`;
  }
  return json(200, { value: page.map((order) => renderListItem(state, order, request.baseUrl)), totalCount: matching.length, nextPage });
}

function createOrder(state: VismaState, request: SimRequest): SimResponse {
  if (!hasJsonContentType(request)) return problemDetails(415, "Send the NewSalesOrderCommand as application/json", request.path);
  const body = parseJsonBody(request);
  if (!body.ok || typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
    return problemDetails(400, body.ok ? "The body must be a JSON object" : body.error, request.path, [
      { code: "SIM-InvalidJson", message: "The request body is not a NewSalesOrderCommand", property: "$" },
    ]);
  }
  const parsed = newSalesOrderCommandSchema.safeParse(body.value);
  if (!parsed.success) {
    return problemDetails(
      400,
      "The request body could not be read as a NewSalesOrderCommand",
      request.path,
      parsed.error.issues.map((issue) => ({ code: "SIM-InvalidValue", message: issue.message, property: `$.${issue.path.join(".")}` })),
    );
  }
  const command = parsed.data;
  const details = validateCommand(state, command, body.value as Record<string, unknown>);
  if (details.length > 0) return problemDetails(400, "The sales order is not valid", request.path, details);

  const type = (command.type as string).toUpperCase();
  const orderId = command.orderId ?? String(++state.counters.orderNumber).padStart(6, "0");
  const key = salesOrderKey(type, orderId);
  if (state.salesOrders.has(key)) return problemDetails(409, `Sales order ${type} ${orderId} already exists`, request.path);
  const customer = state.customers.get(command.customer?.id as string);
  const now = clock(state);
  const order: VismaSalesOrder = {
    type,
    orderId,
    status: command.status ?? (orderTypeOf(state, type)?.holdOnEntry ? "Hold" : "Open"),
    customerId: customer?.number ?? "",
    customerName: customer?.name ?? "",
    customerOrder: command.customer?.order ?? null,
    customerRefNo: command.customer?.refNo ?? null,
    date: command.date ?? iso(now),
    description: command.description ?? null,
    currencyId: command.currencyId ?? customer?.currencyId ?? "NOK",
    branchId: command.branchId ?? null,
    freight: {
      cost: command.freight?.cost ?? 0,
      taxCategoryId:
        command.freight?.taxCategoryId ??
        state.lookups.shipVias[(command.shipping?.shipViaId ?? customer?.shipViaId ?? "").toUpperCase()]?.taxCategoryId ??
        "HOY",
    },
    lines: (command.orderLines ?? []).map((line, index) => {
      const item = findInventory(state, line.inventoryId as string);
      return {
        lineId: index + 1,
        inventoryId: item?.inventoryNumber ?? (line.inventoryId as string),
        description: line.description ?? item?.description ?? "",
        quantity: line.quantity as number,
        // Prices are stored exactly as sent; whether Visma reads them as net or gross is unconfirmed.
        unitPrice: line.unitPrice ?? item?.defaultPrice ?? null,
        hasManualPrice: line.hasManualPrice ?? false,
        discountPercent: line.discountPercent ?? null,
        discountAmount: line.discountAmount ?? null,
        hasManualDiscount: line.hasManualDiscount ?? false,
        warehouseId: line.warehouseId ?? command.shipping?.preferredWarehouseId ?? item?.warehouses.find((row) => row.isDefault)?.warehouse ?? "MAIN",
        taxCategoryId: line.taxCategoryId ?? null,
        shippedQuantity: 0,
      };
    }),
    command: body.value,
    createdAt: now,
    modifiedAt: now,
    rowVersion: ++state.counters.rowVersion,
  };
  state.salesOrders.set(key, order);
  if (order.status === "Open") bookOrder(state, order, 1);
  return { status: 201, headers: { Location: `${request.baseUrl}/api/v3/SalesOrders/${type}/${encodeURIComponent(orderId)}` } };
}

export function registerSalesOrderRoutes(router: Router<Handler>, state: () => VismaState, maxPageSize: number): void {
  router
    .get("/api/v3/SalesOrders", (request) => listOrders(state(), request, maxPageSize, undefined))
    .post("/api/v3/SalesOrders", (request) => createOrder(state(), request))
    .get("/api/v3/SalesOrders/:type", (request) => listOrders(state(), request, maxPageSize, request.params.type))
    // SalesOrderShipmentDto list: the shipments created for the order (read only in V3).
    .get("/api/v3/SalesOrders/:type/:orderId/shipment", (request) => {
      const current = state();
      const order = current.salesOrders.get(salesOrderKey(request.params.type as string, request.params.orderId as string));
      if (!order) return problemDetails(404, `Sales order ${request.params.type} ${request.params.orderId} not found`, request.path);
      const shipments = [...current.shipments.values()].filter((shipment) => shipment.orderType === order.type && shipment.orderNbr === order.orderId);
      return json(
        200,
        shipments.map((shipment) => ({
          id: shipment.shipmentNbr,
          type: "Shipment",
          date: shipment.shipmentDate,
          quantity: shipment.lines.reduce((sum, line) => sum + line.quantity, 0),
          inventoryDocumentType: shipment.status === "Confirmed" ? "Issue" : null,
          inventoryReferenceId: null,
          invoiceId: null,
          invoiceType: null,
          volume: 0,
          weight: 0,
        })),
      );
    })
    .get("/api/v3/SalesOrders/:type/:orderId", (request) => {
      const order = state().salesOrders.get(salesOrderKey(request.params.type as string, request.params.orderId as string));
      if (!order) return problemDetails(404, `Sales order ${request.params.type} ${request.params.orderId} not found`, request.path);
      return json(200, renderDetail(state(), order, request.baseUrl), { ETag: etagFor(order.rowVersion) });
    });
}
