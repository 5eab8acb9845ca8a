/**
 * Shipments of sales orders, shared by the v1 shipment actions and the control API (which ships an
 * order the way a warehouse worker would: create, pack with a tracking number, confirm). Stock moves
 * booked → allocated on create and allocated → shipped (on hand down) on confirm; an order whose
 * lines are all shipped and whose shipments are all confirmed is Completed.
 */
import { bookOrder, moveStock } from "./stock";
import { clock, salesOrderKey, touch, type VismaSalesOrder, type VismaShipment, type VismaState } from "./state";

export type ShipmentResult = { shipment: VismaShipment } | { error: string; status: number };

/** The Ship via a shipment of the order carries: the order's own, else its customer's default. */
function shipViaOf(state: VismaState, order: VismaSalesOrder): string {
  const sent = (order.command as { shipping?: { shipViaId?: string | null } } | null)?.shipping?.shipViaId;
  return sent?.trim().toUpperCase() || state.customers.get(order.customerId)?.shipViaId || "";
}

export function createShipmentFor(state: VismaState, order: VismaSalesOrder, warehouse: string, shipmentDate: string): ShipmentResult {
  if (order.status === "Hold") return { status: 400, error: "Error: The order is on hold and cannot be shipped." };
  if (order.status === "Completed") return { status: 400, error: "Error: The order is completed; there is nothing to ship." };
  if (!state.lookups.warehouses.includes(warehouse)) return { status: 400, error: `Error: Warehouse '${warehouse}' not found.` };
  const lines = order.lines
    .filter((line) => line.quantity - line.shippedQuantity > 0 && line.warehouseId === warehouse)
    .map((line) => ({ lineId: line.lineId, inventoryNumber: line.inventoryId, warehouse: line.warehouseId, quantity: line.quantity - line.shippedQuantity }));
  if (lines.length === 0) return { status: 400, error: `Error: There is nothing left to ship from warehouse '${warehouse}' on this order.` };
  const now = clock(state);
  const shipment: VismaShipment = {
    shipmentNbr: String(++state.counters.shipmentNumber).padStart(6, "0"),
    orderType: order.type,
    orderNbr: order.orderId,
    status: "Open",
    shipmentDate,
    lines,
    shipViaId: shipViaOf(state, order),
    trackingNumbers: [],
    createdAt: now,
    modifiedAt: now,
  };
  for (const line of lines) {
    const orderLine = order.lines.find((candidate) => candidate.lineId === line.lineId);
    if (orderLine) orderLine.shippedQuantity += line.quantity;
    moveStock(state, line.inventoryNumber, line.warehouse, "soBooked", -line.quantity);
    moveStock(state, line.inventoryNumber, line.warehouse, "soAllocated", line.quantity);
  }
  state.shipments.set(shipment.shipmentNbr, shipment);
  order.status = "Shipping";
  touch(state, order);
  return { shipment };
}

export function confirmShipmentOf(state: VismaState, shipment: VismaShipment): { error: string; status: number } | undefined {
  if (shipment.status === "Confirmed") return { status: 400, error: "Error: The shipment is already confirmed." };
  for (const line of shipment.lines) {
    moveStock(state, line.inventoryNumber, line.warehouse, "soAllocated", -line.quantity);
    moveStock(state, line.inventoryNumber, line.warehouse, "onHand", -line.quantity);
    moveStock(state, line.inventoryNumber, line.warehouse, "soShipped", line.quantity);
  }
  shipment.status = "Confirmed";
  shipment.modifiedAt = clock(state);
  const order = state.salesOrders.get(salesOrderKey(shipment.orderType, shipment.orderNbr));
  if (order) {
    const allShipped = order.lines.every((line) => line.shippedQuantity >= line.quantity);
    const allConfirmed = [...state.shipments.values()].every((other) => other.orderNbr !== order.orderId || other.status === "Confirmed");
    if (allShipped && allConfirmed) order.status = "Completed";
    touch(state, order);
  }
  return undefined;
}

/** Hold or release an order; releasing books its open quantities again (a held order books none). */
export function setOrderStatus(state: VismaState, order: VismaSalesOrder, status: "Open" | "Hold"): void {
  if (order.status === status) return;
  if (status === "Hold" && order.status === "Open") bookOrder(state, order, -1);
  if (status === "Open" && order.status === "Hold") bookOrder(state, order, 1);
  order.status = status;
  touch(state, order);
}

/**
 * Ships what is still open on the order, one confirmed shipment per warehouse, each with a package
 * carrying a tracking number (the given one, else a made-up carrier-like number).
 */
export function shipWholeOrder(
  state: VismaState,
  order: VismaSalesOrder,
  options: { trackingNumber?: string; shipViaId?: string } = {},
): VismaShipment[] | { error: string } {
  const warehouses = [...new Set(order.lines.filter((line) => line.quantity - line.shippedQuantity > 0).map((line) => line.warehouseId))];
  if (!warehouses.length) return { error: `Sales order ${order.type} ${order.orderId} has nothing left to ship.` };
  const shipped: VismaShipment[] = [];
  for (const warehouse of warehouses) {
    const created = createShipmentFor(state, order, warehouse, new Date(clock(state)).toISOString().slice(0, 19));
    if ("error" in created) return { error: created.error };
    const { shipment } = created;
    if (options.shipViaId) shipment.shipViaId = options.shipViaId;
    shipment.trackingNumbers = [options.trackingNumber ?? `70${String(Number(shipment.shipmentNbr) * 7919).padStart(14, "0")}NO`];
    confirmShipmentOf(state, shipment);
    shipped.push(shipment);
  }
  return shipped;
}
