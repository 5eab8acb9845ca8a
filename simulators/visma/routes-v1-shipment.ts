/**
 * The two v1 actions that move stock for an order: createShipment (booked -> allocated) and
 * confirmShipment (allocated -> shipped, on hand goes down).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { json, type Handler } from "../shared/http";
import type { Router } from "../shared/router";
import { ippException } from "./errors";
import { moveStock } from "./stock";
import { clock, salesOrderKey, touch, type VismaShipment, type VismaState } from "./state";
import { readV1Body } from "./v1-body";

/**
 * CreateShipmentActionDto: flat fields, not `{value: ...}` wrappers (ON-IT/Visma.Net
 * Models/CreateShipment.cs); orderType, shipmentDate and shipmentWarehouse are mandatory
 * (Pionect/visma-php-sdk src/Dto/CreateShipmentActionDto.php, generated from the Visma.net OpenAPI).
 * A wrapped body is "not recognized", as Visma.net says of any wrong shape.
 */
const mandatory = (name: string) => z.string({ error: `'${name}' cannot be empty` }).trim().min(1, `'${name}' cannot be empty`);
const createShipmentSchema = z.object({
  orderType: mandatory("orderType"),
  shipmentDate: mandatory("shipmentDate").refine((value) => !Number.isNaN(Date.parse(value)), "'shipmentDate' is not a date"),
  shipmentWarehouse: mandatory("shipmentWarehouse"),
  returnShipmentDto: z.boolean().optional(),
  operation: z.enum(["I", "R"]).optional(),
});

export function registerShipmentRoutes(router: Router<Handler>, state: () => VismaState): void {
  router
    .post("/v1/salesorder/:orderNbr/action/createShipment", (request) => {
      const body = readV1Body(request, createShipmentSchema, "CreateShipmentActionDto");
      if (!body.ok) return body.response;
      const current = state();
      const order = current.salesOrders.get(salesOrderKey(body.value.orderType, request.params.orderNbr as string));
      if (!order) return ippException(404, `Sales order ${body.value.orderType} ${request.params.orderNbr} not found.`);
      if (order.status === "Hold") return ippException(400, "Error: The order is on hold and cannot be shipped.");
      if (order.status === "Completed") return ippException(400, "Error: The order is completed; there is nothing to ship.");
      const warehouse = body.value.shipmentWarehouse;
      if (!current.lookups.warehouses.includes(warehouse)) return ippException(400, `Error: Warehouse '${warehouse}' not found.`);
      const lines = order.lines
        .filter((line) => line.quantity - line.shippedQuantity > 0 && line.warehouseId === warehouse)
        .map((line) => ({ lineId: line.lineId, inventoryNumber: line.inventoryId, warehouse: line.warehouseId, quantity: line.quantity - line.shippedQuantity }));
      if (lines.length === 0) return ippException(400, `Error: There is nothing left to ship from warehouse '${warehouse}' on this order.`);
      const shipment: VismaShipment = {
        shipmentNbr: String(++current.counters.shipmentNumber).padStart(6, "0"),
        orderType: order.type,
        orderNbr: order.orderId,
        status: "Open",
        shipmentDate: body.value.shipmentDate,
        lines,
        createdAt: clock(current),
      };
      for (const line of lines) {
        const orderLine = order.lines.find((candidate) => candidate.lineId === line.lineId);
        if (orderLine) orderLine.shippedQuantity += line.quantity;
        moveStock(current, line.inventoryNumber, line.warehouse, "soBooked", -line.quantity);
        moveStock(current, line.inventoryNumber, line.warehouse, "soAllocated", line.quantity);
      }
      current.shipments.set(shipment.shipmentNbr, shipment);
      order.status = "Shipping";
      touch(current, order);
      return json(200, {
        actionId: randomUUID(),
        actionResult: "Done",
        errorInfo: null,
        referenceNumber: shipment.shipmentNbr,
        shipmentDto: body.value.returnShipmentDto
          ? { shipmentNumber: shipment.shipmentNbr, shipmentType: "Shipment", status: "Open", operation: "Issue", shipmentDate: shipment.shipmentDate, shipmentDetailLines: lines }
          : null,
      });
    })
    // ShipmentDto: the status says whether a created shipment still waits for confirmation.
    .get("/v1/shipment/:shipmentNbr", (request) => {
      const shipment = state().shipments.get(request.params.shipmentNbr as string);
      if (!shipment) return ippException(404, `Shipment ${request.params.shipmentNbr} not found.`);
      return json(200, {
        shipmentNumber: shipment.shipmentNbr,
        shipmentType: "Issue",
        status: shipment.status,
        operation: "Issue",
        shipmentDate: shipment.shipmentDate,
        shipmentDetailLines: shipment.lines.map((line) => ({ lineNumber: line.lineId, inventoryNumber: line.inventoryNumber, warehouse: { id: line.warehouse }, shippedQty: line.quantity, orderType: shipment.orderType, orderNbr: shipment.orderNbr })),
      });
    })
    .post("/v1/shipment/:shipmentNbr/action/confirmShipment", (request) => {
      const current = state();
      const shipment = current.shipments.get(request.params.shipmentNbr as string);
      if (!shipment) return ippException(404, `Shipment ${request.params.shipmentNbr} not found.`);
      if (shipment.status === "Confirmed") return ippException(400, "Error: The shipment is already confirmed.");
      for (const line of shipment.lines) {
        moveStock(current, line.inventoryNumber, line.warehouse, "soAllocated", -line.quantity);
        moveStock(current, line.inventoryNumber, line.warehouse, "onHand", -line.quantity);
        moveStock(current, line.inventoryNumber, line.warehouse, "soShipped", line.quantity);
      }
      shipment.status = "Confirmed";
      const order = current.salesOrders.get(salesOrderKey(shipment.orderType, shipment.orderNbr));
      if (order) {
        const allShipped = order.lines.every((line) => line.shippedQuantity >= line.quantity);
        const allConfirmed = [...current.shipments.values()].every((other) => other.orderNbr !== order.orderId || other.status === "Confirmed");
        if (allShipped && allConfirmed) order.status = "Completed";
        touch(current, order);
      }
      return json(200, { actionId: randomUUID(), actionResult: "Done", errorInfo: null });
    });
}
