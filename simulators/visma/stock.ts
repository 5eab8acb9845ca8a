/** Stock movements caused by sales orders and shipments (booked, allocated, shipped). */
import { findInventory, touchStock, warehouseStock, type VismaSalesOrder, type VismaState } from "./state";

type Bucket = "soBooked" | "soAllocated" | "soShipped" | "onHand";

/** Adds quantity (negative to remove) to one stock bucket of a line's warehouse row. */
export function moveStock(state: VismaState, inventoryId: string, warehouse: string, bucket: Bucket, quantity: number): void {
  const item = findInventory(state, inventoryId);
  if (!item || !item.stockItem || quantity === 0) return;
  const row = warehouseStock(state, item, warehouse);
  row[bucket] += quantity;
  touchStock(state, item, row);
}

/** An open (not held) order books its open quantities, which lowers availability. */
export function bookOrder(state: VismaState, order: VismaSalesOrder, sign: 1 | -1): void {
  for (const line of order.lines) moveStock(state, line.inventoryId, line.warehouseId, "soBooked", sign * (line.quantity - line.shippedQuantity));
}
