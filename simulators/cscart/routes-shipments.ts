/**
 * /api/shipments as CS-Cart 4.13 has it (app/Tygh/Api/Entities/Shipments.php, fn_get_shipments_info
 * and fn_update_shipment in app/functions/fn.cart.php):
 * - GET lists shipments (filter `order_id`, newest first), each with its `products` {item_id: amount},
 *   `tracking_number`, `carrier`, `comments` (advanced_info is on by default);
 * - POST needs `order_id` and `shipping_id` (else 400 naming the field) and a `tracking_number` or a
 *   `carrier` (else fn_update_shipment returns false: 400 without a message); `products` limits the
 *   shipment to those items, capped at what is not shipped yet (all of them when left out); nothing
 *   left to ship is a 400 too. `order_status` changes the order's status as well.
 */
import { z } from "zod";
import { json, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import type { Router } from "../shared/router";
import { clampToLastPage, cscartError, integerParam, listParams, notFound, pageOf, readCscartBody, readPaging } from "./api";
import { numeric } from "./schemas";
import { applyInventoryForStatusChange, findStatus, nextTimestamp, type CscartShipment, type CscartState } from "./state";

const shipmentCreateSchema = z
  .object({
    order_id: numeric.optional(),
    shipping_id: numeric.optional(),
    tracking_number: z.string().optional(),
    carrier: z.string().optional(),
    comments: z.string().optional(),
    timestamp: numeric.optional(),
    order_status: z
      .string()
      .regex(/^[A-Z]$/)
      .optional(),
    products: z.record(z.string(), numeric).optional(),
  })
  .catchall(z.unknown());

function renderShipment(state: CscartState, shipment: CscartShipment): Record<string, unknown> {
  const order = state.orders.get(shipment.orderId);
  return {
    shipment_id: String(shipment.shipmentId),
    shipment_timestamp: String(shipment.timestamp),
    comments: shipment.comments,
    status: shipment.status,
    order_id: String(shipment.orderId),
    order_timestamp: String(order?.timestamp ?? 0),
    s_firstname: order?.shipping.firstname || order?.firstname || "",
    s_lastname: order?.shipping.lastname || order?.lastname || "",
    company: order?.company ?? "",
    user_id: String(order?.userId ?? 0),
    shipping_id: String(shipment.shippingId),
    shipping: order?.shippingMethod ?? "",
    tracking_number: shipment.trackingNumber,
    carrier: shipment.carrier,
    products: Object.fromEntries(Object.entries(shipment.items).map(([itemId, amount]) => [itemId, String(amount)])),
    group_key: 0,
    one_full: order ? order.lines.every((line) => (shipment.items[line.itemId] ?? 0) >= line.amount) : false,
  };
}

function listShipments(state: CscartState, request: SimRequest): SimResponse {
  const orderId = integerParam(request.query, "order_id");
  const matching = [...state.shipments.values()].filter((shipment) => !orderId || shipment.orderId === orderId).sort((a, b) => b.shipmentId - a.shipmentId);
  const paging = clampToLastPage(readPaging(request.query), matching.length);
  return json(200, { shipments: pageOf(matching, paging).map((shipment) => renderShipment(state, shipment)), params: listParams(paging, matching.length) });
}

function createShipment(state: CscartState, request: SimRequest): SimResponse {
  const body = readCscartBody(request, shipmentCreateSchema);
  if (!body.ok) return body.response;
  const data = body.value;
  if (!data.order_id) return cscartError(400, "The order_id field is required");
  if (!data.shipping_id) return cscartError(400, "The shipping_id field is required");
  const order = state.orders.get(data.order_id);
  // fn_update_shipment returns false; the entity answers 400 with no message.
  if (!order || (!data.tracking_number && !data.carrier)) return json(400, {});
  const wanted = data.products ?? Object.fromEntries(order.lines.map((line) => [line.itemId, line.amount]));
  const items: Record<string, number> = {};
  for (const line of order.lines) {
    const amount = Math.min(Math.floor(wanted[line.itemId] ?? 0), line.amount - line.shippedAmount);
    if (amount > 0) items[line.itemId] = amount;
  }
  if (!Object.keys(items).length) return json(400, {});
  const shipment: CscartShipment = {
    shipmentId: state.nextShipmentId++,
    orderId: order.orderId,
    shippingId: data.shipping_id,
    trackingNumber: data.tracking_number ?? "",
    carrier: data.carrier ?? "",
    timestamp: data.timestamp ?? Math.floor(Date.now() / 1000),
    comments: data.comments ?? "",
    status: "P",
    items,
  };
  for (const line of order.lines) line.shippedAmount += items[line.itemId] ?? 0;
  state.shipments.set(shipment.shipmentId, shipment);
  if (data.order_status && findStatus(state.settings, data.order_status) && data.order_status !== order.status) {
    applyInventoryForStatusChange(state, order, order.status, data.order_status);
    order.status = data.order_status;
  }
  order.updatedAt = nextTimestamp(order.updatedAt);
  return json(201, { shipment_id: String(shipment.shipmentId) });
}

export function registerShipmentRoutes(router: Router<Handler>, state: () => CscartState): void {
  router
    .get("/api/shipments", (request) => listShipments(state(), request))
    .get("/api/shipments/:id", (request) => {
      const shipment = state().shipments.get(Number(request.params.id));
      return shipment ? json(200, renderShipment(state(), shipment)) : notFound();
    })
    .post("/api/shipments", (request) => createShipment(state(), request));
}
