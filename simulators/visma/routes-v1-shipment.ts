/**
 * v1 shipments: the two actions that move stock for an order, createShipment (booked -> allocated)
 * and confirmShipment (allocated -> shipped, on hand goes down), the shipment and the list of
 * shipments changed since a time (what order progress reads). The stock rules are in shipments.ts.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { json, type Handler, type SimResponse } from "../shared/http";
import type { Router } from "../shared/router";
import { ippException } from "./errors";
import { confirmShipmentOf, createShipmentFor } from "./shipments";
import { salesOrderKey, type VismaShipment, type VismaState } from "./state";
import { readV1Body } from "./v1-body";
import { collectFilters, dateConditionFilter, formatVismaDate, pageV1, queryValue, withMetadata } from "./v1-query";

/**
 * CreateShipmentActionDto: flat fields, not `{value: ...}` wrappers (ON-IT/Visma.Net
 * Models/CreateShipment.cs); orderType, shipmentDate and shipmentWarehouse are mandatory
 * (Pionect/visma-php-sdk src/Dto/CreateShipmentActionDto.php, generated from the Visma.net OpenAPI).
 * A wrapped body is "not recognized", as Visma.net says of any wrong shape.
 */
const mandatory = (name: string) =>
  z
    .string({ error: `'${name}' cannot be empty` })
    .trim()
    .min(1, `'${name}' cannot be empty`);
const createShipmentSchema = z.object({
  orderType: mandatory("orderType"),
  shipmentDate: mandatory("shipmentDate").refine((value) => !Number.isNaN(Date.parse(value)), "'shipmentDate' is not a date"),
  shipmentWarehouse: mandatory("shipmentWarehouse"),
  returnShipmentDto: z.boolean().optional(),
  operation: z.enum(["I", "R"]).optional(),
});

/**
 * ShipmentDto (api-evangelist/visma visma-shipment-api-openapi.yml): status, shipVia {id,
 * description}, the packages' tracking numbers (shipmentPackageLines[].trackingNumber), the orders
 * it ships (shipmentOrderLines) and its lines (shipmentDetailLines), lastModifiedDateTime.
 */
function renderShipment(state: VismaState, shipment: VismaShipment): Record<string, unknown> {
  const order = state.salesOrders.get(salesOrderKey(shipment.orderType, shipment.orderNbr));
  const customer = order ? state.customers.get(order.customerId) : undefined;
  return {
    shipmentNumber: shipment.shipmentNbr,
    shipmentType: "Issue",
    status: shipment.status,
    hold: false,
    operation: "Issue",
    shipmentDate: shipment.shipmentDate,
    customer: customer ? { internalId: customer.internalId, number: customer.number, name: customer.name } : null,
    fromWarehouse: { id: shipment.lines[0]?.warehouse ?? "", description: "" },
    shippedQuantity: shipment.lines.reduce((sum, line) => sum + line.quantity, 0),
    shipVia: shipment.shipViaId ? { id: shipment.shipViaId, description: state.lookups.shipVias[shipment.shipViaId]?.description ?? shipment.shipViaId } : null,
    shipmentDetailLines: shipment.lines.map((line) => ({
      lineNumber: line.lineId,
      orderType: shipment.orderType,
      orderNbr: shipment.orderNbr,
      inventoryNumber: line.inventoryNumber,
      warehouse: { id: line.warehouse },
      shippedQty: line.quantity,
      orderLineNbr: line.lineId,
    })),
    shipmentOrderLines: [
      { orderType: shipment.orderType, orderNbr: shipment.orderNbr, shippedQty: shipment.lines.reduce((sum, line) => sum + line.quantity, 0) },
    ],
    shipmentPackageLines: shipment.trackingNumbers.map((trackingNumber, index) => ({
      lineNumber: index + 1,
      confirmed: shipment.status === "Confirmed",
      boxId: "PARCEL",
      type: "Manual",
      trackingNumber,
    })),
    lastModifiedDateTime: formatVismaDate(shipment.modifiedAt),
  };
}

/** GET /v1/shipment: lastModifiedDateTime + condition, status, shipmentType, paging (SO302000 list). */
function listShipments(state: VismaState, query: URLSearchParams, maxPageSize: number): SimResponse {
  const filters = collectFilters<VismaShipment>([dateConditionFilter(query, "lastModifiedDateTime", (shipment) => shipment.modifiedAt)]);
  if ("error" in filters) return filters.error;
  const status = queryValue(query, "status");
  const matching = [...state.shipments.values()]
    .filter((shipment) => filters.filters.every((filter) => filter(shipment)) && (!status || shipment.status.toLowerCase() === status.toLowerCase()))
    .sort((a, b) => a.modifiedAt - b.modifiedAt || a.shipmentNbr.localeCompare(b.shipmentNbr));
  const paged = pageV1(matching, query, maxPageSize);
  if ("error" in paged) return paged.error;
  return json(
    200,
    paged.page.map((shipment) => withMetadata(renderShipment(state, shipment), matching.length, maxPageSize)),
  );
}

export function registerShipmentRoutes(router: Router<Handler>, state: () => VismaState, maxPageSize = 1000): void {
  router
    .post("/v1/salesorder/:orderNbr/action/createShipment", (request) => {
      const body = readV1Body(request, createShipmentSchema, "CreateShipmentActionDto");
      if (!body.ok) return body.response;
      const current = state();
      const order = current.salesOrders.get(salesOrderKey(body.value.orderType, request.params.orderNbr as string));
      if (!order) return ippException(404, `Sales order ${body.value.orderType} ${request.params.orderNbr} not found.`);
      const created = createShipmentFor(current, order, body.value.shipmentWarehouse, body.value.shipmentDate);
      if ("error" in created) return ippException(created.status, created.error);
      const { shipment } = created;
      return json(200, {
        actionId: randomUUID(),
        actionResult: "Done",
        errorInfo: null,
        referenceNumber: shipment.shipmentNbr,
        shipmentDto: body.value.returnShipmentDto ? renderShipment(current, shipment) : null,
      });
    })
    .get("/v1/shipment", (request) => listShipments(state(), request.query, maxPageSize))
    // ShipmentDto: the status says whether a created shipment still waits for confirmation.
    .get("/v1/shipment/:shipmentNbr", (request) => {
      const shipment = state().shipments.get(request.params.shipmentNbr as string);
      if (!shipment) return ippException(404, `Shipment ${request.params.shipmentNbr} not found.`);
      return json(200, renderShipment(state(), shipment));
    })
    .post("/v1/shipment/:shipmentNbr/action/confirmShipment", (request) => {
      const current = state();
      const shipment = current.shipments.get(request.params.shipmentNbr as string);
      if (!shipment) return ippException(404, `Shipment ${request.params.shipmentNbr} not found.`);
      const refused = confirmShipmentOf(current, shipment);
      if (refused) return ippException(refused.status, refused.error);
      return json(200, { actionId: randomUUID(), actionResult: "Done", errorInfo: null });
    });
}
