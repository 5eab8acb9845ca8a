/** Visma.net test controls: inventory items, stock and customers, changed without the API. */
import { z } from "zod";
import { controlBody } from "../shared/control";
import { json, type Handler } from "../shared/http";
import type { Router } from "../shared/router";
import { newInventoryItem } from "./routes-v1-inventory";
import { createCustomer } from "./routes-v1-customer";
import { setOrderStatus, shipWholeOrder } from "./shipments";
import {
  attachmentId,
  clock,
  findInventory,
  salesOrderKey,
  touch,
  touchStock,
  warehouseStock,
  type VismaCustomer,
  type VismaInventoryItem,
  type VismaShipment,
  type VismaState,
} from "./state";

export const controlInventorySchema = z.object({
  inventoryNumber: z.string().min(1),
  description: z.string().optional(),
  defaultPrice: z.number().optional(),
  status: z.enum(["Active", "NoSales", "NoPurchases", "NoRequest", "Inactive", "MarkedForDeletion"]).optional(),
  type: z.string().optional(),
  vatRate: z.number().optional(),
  /** Adds (or replaces) the item's image attachment, raising its revision. */
  attachmentName: z.string().optional(),
  /**
   * All the item's pictures, in order: an attachment keeps its id (and revision) while its name stays
   * at its place; a new name at a place is a new revision of that place's attachment; missing places go.
   */
  attachmentNames: z.array(z.string().min(1)).optional(),
  /** Stock on hand per warehouse, e.g. {"MAIN": 12}. */
  stock: z.record(z.string(), z.number()).optional(),
});
export type ControlInventoryInput = z.input<typeof controlInventorySchema>;

export const controlStockSchema = z.object({ warehouse: z.string().default("MAIN"), onHand: z.number() });
export type ControlStockInput = z.input<typeof controlStockSchema>;

export const controlCustomerSchema = z.object({
  number: z.string().optional(),
  name: z.string().min(1),
  email: z.string().default(""),
  status: z.enum(["Active", "OnHold", "CreditHold", "Inactive", "OneTime"]).default("Active"),
  creditTermsId: z.string().default("14"),
  /** The default location's Ship via, as a customer set up in Visma.net by hand has; "" for none. */
  shipViaId: z.string().default("POSTEN"),
});
export type ControlCustomerInput = z.input<typeof controlCustomerSchema>;

/**
 * Creates or changes an item. Field changes move lastModifiedDateTime; a picture change moves only
 * the attachment time (attachmentLastModifiedDateTime) and stock changes only availability.
 */
export function upsertInventory(state: VismaState, input: ControlInventoryInput): VismaInventoryItem {
  const data = controlInventorySchema.parse(input);
  let item = findInventory(state, data.inventoryNumber);
  const created = !item;
  if (!item) {
    item = newInventoryItem(state, data.inventoryNumber);
    state.inventory.set(item.inventoryNumber, item);
  }
  const fieldsChanged = [data.description, data.defaultPrice, data.status, data.type, data.vatRate].some((value) => value !== undefined);
  if (data.description !== undefined) item.description = data.description;
  if (data.defaultPrice !== undefined) item.defaultPrice = data.defaultPrice;
  if (data.status !== undefined) item.status = data.status;
  if (data.type !== undefined) item.type = data.type;
  if (data.vatRate !== undefined) item.vatCodeId = state.lookups.vatCodes[data.vatRate]?.id ?? item.vatCodeId;
  if (data.attachmentName !== undefined) {
    const existing = item.attachments[0];
    const attachment = existing ?? {
      id: attachmentId(100_000_000 + item.inventoryId),
      name: data.attachmentName,
      revision: 0,
      inventoryNumber: item.inventoryNumber,
    };
    attachment.name = data.attachmentName;
    attachment.revision++;
    item.attachments = [attachment];
    state.attachments.set(attachment.id, attachment);
    item.attachmentModifiedAt = clock(state);
  }
  if (data.attachmentNames !== undefined) {
    item.attachments = data.attachmentNames.map((name, index) => {
      const attachment = item!.attachments[index] ?? {
        id: attachmentId(200_000_000 + item!.inventoryId * 100 + index),
        name,
        revision: 0,
        inventoryNumber: item!.inventoryNumber,
      };
      if (attachment.revision === 0 || attachment.name !== name) attachment.revision++;
      attachment.name = name;
      state.attachments.set(attachment.id, attachment);
      return attachment;
    });
    item.attachmentModifiedAt = clock(state);
  }
  if (created || fieldsChanged) touch(state, item);
  for (const [warehouse, onHand] of Object.entries(data.stock ?? {})) setStock(state, item.inventoryNumber, { warehouse, onHand });
  return item;
}

export function setStock(state: VismaState, inventoryNumber: string, input: ControlStockInput): VismaInventoryItem | undefined {
  const item = findInventory(state, inventoryNumber);
  if (!item) return undefined;
  const data = controlStockSchema.parse(input);
  const row = warehouseStock(state, item, data.warehouse);
  row.onHand = data.onHand;
  touchStock(state, item, row);
  return item;
}

export function upsertCustomer(state: VismaState, input: ControlCustomerInput): VismaCustomer {
  const data = controlCustomerSchema.parse(input);
  const existing = data.number ? state.customers.get(data.number) : undefined;
  if (existing) {
    existing.name = data.name;
    existing.mainContact.email = data.email;
    existing.status = data.status;
    existing.creditTermsId = data.creditTermsId;
    existing.shipViaId = data.shipViaId;
    touch(state, existing);
    return existing;
  }
  const created = createCustomer(state, {
    number: data.number ? { value: data.number } : undefined,
    name: { value: data.name },
    status: { value: data.status },
    creditTermsId: { value: data.creditTermsId },
    mainContact: { value: { email: { value: data.email }, name: { value: data.name } } },
  });
  if ("error" in created) throw new Error(JSON.stringify(created.error.json));
  created.customer.shipViaId = data.shipViaId;
  return created.customer;
}

/** What a person in Visma.net does to a sales order: hold or release it, ship it (with a tracking number). */
export const controlSalesOrderSchema = z.object({
  status: z.enum(["Open", "Hold"]).optional(),
  ship: z.object({ trackingNumber: z.string().min(1).optional(), shipViaId: z.string().min(1).optional() }).optional(),
});
export type ControlSalesOrderInput = z.input<typeof controlSalesOrderSchema>;

export function changeSalesOrder(
  state: VismaState,
  type: string,
  orderId: string,
  input: ControlSalesOrderInput,
): { shipments: VismaShipment[] } | { error: string } {
  const order = state.salesOrders.get(salesOrderKey(type, orderId));
  if (!order) return { error: `no sales order ${type} ${orderId}` };
  const data = controlSalesOrderSchema.parse(input);
  if (data.status) setOrderStatus(state, order, data.status);
  if (!data.ship) return { shipments: [] };
  const shipped = shipWholeOrder(state, order, data.ship);
  return Array.isArray(shipped) ? { shipments: shipped } : shipped;
}

export interface VismaControlHooks {
  expireAllTokens(): number;
  setRateLimit(perHour: number): void;
}

export function registerVismaControlRoutes(router: Router<Handler>, state: () => VismaState, hooks: VismaControlHooks): void {
  router
    .post("/__control/inventory", (request) => {
      const body = controlBody(request, controlInventorySchema);
      return body.ok ? json(200, upsertInventory(state(), body.value)) : body.response;
    })
    .post("/__control/inventory/:inventoryNumber/stock", (request) => {
      const body = controlBody(request, controlStockSchema);
      if (!body.ok) return body.response;
      const item = setStock(state(), request.params.inventoryNumber as string, body.value);
      return item ? json(200, item) : json(404, { error: `no inventory item ${request.params.inventoryNumber}` });
    })
    .post("/__control/customers", (request) => {
      const body = controlBody(request, controlCustomerSchema);
      return body.ok ? json(200, upsertCustomer(state(), body.value)) : body.response;
    })
    .post("/__control/salesorders/:type/:orderId", (request) => {
      const body = controlBody(request, controlSalesOrderSchema);
      if (!body.ok) return body.response;
      const result = changeSalesOrder(state(), request.params.type as string, request.params.orderId as string, body.value);
      return "error" in result ? json(400, result) : json(200, result);
    })
    .post("/__control/tokens/expire", () => json(200, { expired: hooks.expireAllTokens() }))
    .post("/__control/rate-limit", (request) => {
      const body = controlBody(request, z.object({ perHour: z.number().int().min(0) }));
      if (!body.ok) return body.response;
      hooks.setRateLimit(body.value.perHour);
      return json(200, { perHour: body.value.perHour });
    });
}
