/**
 * /v1/inventory (list, detail, POST, PUT), /v1/inventorysummary/{inventoryNumber} and attachment
 * downloads (/v1/attachment/{id}, bearer token required like the real API).
 */
import { z } from "zod";
import { header, json, noContent, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import { solidPng } from "../shared/png";
import type { Router } from "../shared/router";
import { ippException } from "./errors";
import { availableForShipmentOf, availableOf, clock, findInventory, touch, type VismaInventoryItem, type VismaState } from "./state";
import { readV1Body, wrapped, wrappedNumber, wrappedString } from "./v1-body";
import {
  collectFilters,
  dateConditionFilter,
  etagFor,
  formatVismaDate,
  ifMatchOk,
  pageV1,
  queryFlag,
  queryValue,
  rowVersionToken,
  withMetadata,
} from "./v1-query";

const STATUSES = ["Active", "NoSales", "NoPurchases", "NoRequest", "Inactive", "MarkedForDeletion"] as const;
const TYPES = ["NonStockItem", "LaborItem", "ServiceItem", "ChargeItem", "ExpenseItem", "FinishedGoodItem", "ComponentPartItem", "SubassemblyItem"] as const;

/** InventoryUpdateDto: wrapped fields; inventoryNumber is mandatory on POST and not allowed on PUT. */
const inventoryFields = {
  status: wrapped(z.enum(STATUSES)),
  type: wrapped(z.enum(TYPES)),
  description: wrappedString,
  body: wrappedString,
  itemClass: wrappedString,
  postingClass: wrappedString,
  vatCode: wrappedString,
  defaultPrice: wrappedNumber,
  recommendedPrice: wrappedNumber,
  baseUnit: wrappedString,
  salesUnit: wrappedString,
  purchaseUnit: wrappedString,
};
const inventoryCreateSchema = z
  .object(inventoryFields)
  .partial()
  .extend({ inventoryNumber: wrapped(z.string().min(1)).optional() });
const inventoryUpdateSchema = z
  .object(inventoryFields)
  .partial()
  .extend({ inventoryNumber: z.never({ error: "inventoryNumber is not allowed on PUT" }).optional() });
type InventoryFields = Omit<z.infer<typeof inventoryUpdateSchema>, "inventoryNumber">;

interface ExpandFlags {
  warehouseDetail: boolean;
  attachment: boolean;
}

function renderWarehouse(row: VismaInventoryItem["warehouses"][number]): Record<string, unknown> {
  return {
    isDefault: row.isDefault,
    warehouse: row.warehouse,
    warehouseLocation: null,
    quantityOnHand: row.onHand,
    available: availableOf(row),
    availableForShipment: availableForShipmentOf(row),
    lastModifiedDateTime: formatVismaDate(row.lastModified),
  };
}

function renderItem(state: VismaState, item: VismaInventoryItem, expand: ExpandFlags): Record<string, unknown> {
  const vatCode = Object.values(state.lookups.vatCodes).find((code) => code.id === item.vatCodeId);
  return {
    inventoryId: item.inventoryId,
    inventoryNumber: item.inventoryNumber,
    status: item.status,
    type: item.type,
    stockItem: item.stockItem,
    description: item.description,
    body: item.body,
    itemClass: { id: item.itemClassId, description: item.itemClassDescription, type: item.type },
    postingClass: { id: item.postingClassId, description: "Standard" },
    vatCode: { id: item.vatCodeId, description: vatCode?.description ?? "" },
    defaultPrice: item.defaultPrice,
    recommendedPrice: item.recommendedPrice,
    baseUnit: item.baseUnit,
    salesUnit: item.salesUnit,
    purchaseUnit: item.purchaseUnit,
    lastModifiedDateTime: formatVismaDate(item.modifiedAt),
    ...(expand.warehouseDetail ? { warehouseDetails: item.warehouses.map(renderWarehouse) } : {}),
    ...(expand.attachment ? { attachments: item.attachments.map(({ name, id, revision }) => ({ name, id, revision })) } : {}),
    attributes: item.attributes,
    crossReferences: [],
    timestamp: rowVersionToken(item.rowVersion),
  };
}

function expandFlags(query: URLSearchParams): ExpandFlags {
  return { warehouseDetail: queryFlag(query, "expandWarehouseDetail"), attachment: queryFlag(query, "expandAttachment") };
}

/** attributes={"WEBSHOP":"1"} or {"WEBSHOP":"1,0"}: every named attribute must have one of the values. */
function attributeFilter(text: string | undefined): ((item: VismaInventoryItem) => boolean) | "invalid" | undefined {
  if (!text) return undefined;
  let wanted: Record<string, unknown>;
  try {
    wanted = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return "invalid";
  }
  return (item) =>
    Object.entries(wanted).every(([id, values]) => {
      const attribute = item.attributes.find((candidate) => candidate.id === id);
      return attribute !== undefined && String(values).split(",").includes(attribute.value);
    });
}

function listInventory(state: VismaState, request: SimRequest, maxPageSize: number): SimResponse {
  const query = request.query;
  const built = collectFilters<VismaInventoryItem>([
    dateConditionFilter(query, "lastModifiedDateTime", (item) => item.modifiedAt),
    dateConditionFilter(query, "createdDateTime", (item) => item.createdAt),
    dateConditionFilter(query, "availabilityLastModifiedDateTime", (item) => item.availabilityModifiedAt),
    // Documented for GET /v1/inventory (api-evangelist/visma inventory OpenAPI): picture changes.
    dateConditionFilter(query, "attachmentLastModifiedDateTime", (item) => item.attachmentModifiedAt),
  ]);
  if ("error" in built) return built.error;
  const filters = built.filters;
  const inventoryNumber = queryValue(query, "inventoryNumber");
  if (inventoryNumber) filters.push((item) => item.inventoryNumber.toLowerCase() === inventoryNumber.toLowerCase());
  const status = queryValue(query, "status");
  if (status) filters.push((item) => item.status === status);
  const types = query
    .getAll("inventoryTypes")
    .flatMap((value) => value.split(","))
    .filter((value) => value.length > 0);
  if (types.length > 0) filters.push((item) => types.includes(item.type));
  const description = queryValue(query, "description")?.toLowerCase();
  if (description) filters.push((item) => item.description.toLowerCase().includes(description));
  const attributes = attributeFilter(queryValue(query, "attributes"));
  if (attributes === "invalid") return ippException(400, 'attributes must be a JSON object such as {"WEBSHOP":"1"}.');
  if (attributes) filters.push(attributes);
  const matching =
    filters.length === 0 ? [...state.inventory.values()] : [...state.inventory.values()].filter((item) => filters.every((filter) => filter(item)));
  const paged = pageV1(matching, query, maxPageSize);
  if ("error" in paged) return paged.error;
  const expand = expandFlags(query);
  return json(
    200,
    paged.page.map((item) => withMetadata(renderItem(state, item, expand), matching.length, maxPageSize)),
  );
}

function applyInventoryFields(state: VismaState, item: VismaInventoryItem, body: InventoryFields): string | undefined {
  if (body.vatCode?.value && !Object.values(state.lookups.vatCodes).some((code) => code.id === body.vatCode?.value)) {
    return `VatCode '${body.vatCode.value}' not found.`;
  }
  if (body.status) item.status = body.status.value;
  if (body.type) {
    item.type = body.type.value;
    item.stockItem = !["NonStockItem", "LaborItem", "ServiceItem", "ChargeItem", "ExpenseItem"].includes(body.type.value);
  }
  const text = (field: { value: string | null } | undefined, current: string) => (field ? (field.value ?? "") : current);
  item.description = text(body.description, item.description);
  item.body = text(body.body, item.body);
  item.itemClassId = text(body.itemClass, item.itemClassId);
  item.postingClassId = text(body.postingClass, item.postingClassId);
  item.vatCodeId = text(body.vatCode, item.vatCodeId);
  if (body.defaultPrice) item.defaultPrice = body.defaultPrice.value ?? 0;
  if (body.recommendedPrice) item.recommendedPrice = body.recommendedPrice.value ?? 0;
  item.baseUnit = text(body.baseUnit, item.baseUnit);
  item.salesUnit = text(body.salesUnit, item.salesUnit);
  item.purchaseUnit = text(body.purchaseUnit, item.purchaseUnit);
  return undefined;
}

export function newInventoryItem(state: VismaState, inventoryNumber: string): VismaInventoryItem {
  const now = clock(state);
  return {
    inventoryId: ++state.counters.inventoryId,
    inventoryNumber,
    status: "Active",
    type: "FinishedGoodItem",
    stockItem: true,
    description: "",
    body: "",
    itemClassId: "DEFAULT",
    itemClassDescription: "",
    postingClassId: "STD",
    vatCodeId: "3",
    defaultPrice: 0,
    recommendedPrice: 0,
    baseUnit: "STK",
    salesUnit: "STK",
    purchaseUnit: "STK",
    warehouses: [],
    attachments: [],
    attributes: [],
    createdAt: now,
    modifiedAt: now,
    availabilityModifiedAt: now,
    attachmentModifiedAt: now,
    rowVersion: ++state.counters.rowVersion,
  };
}

function renderSummary(item: VismaInventoryItem, warehouse: string | undefined): Record<string, unknown>[] {
  return item.warehouses
    .filter((row) => !warehouse || row.warehouse === warehouse)
    .map((row) => ({
      inventoryId: item.inventoryId,
      inventoryNumber: item.inventoryNumber,
      warehouse: { id: row.warehouse, description: row.warehouse },
      location: null,
      onHand: row.onHand,
      available: availableOf(row),
      availableForShipment: availableForShipmentOf(row),
      notAvailable: 0,
      soBooked: row.soBooked,
      soAllocated: row.soAllocated,
      soShipped: row.soShipped,
      soBackOrdered: 0,
      inIssues: 0,
      inReceipts: 0,
      purchaseOrders: 0,
      baseUnit: item.baseUnit,
      estimatedUnitCost: Math.round(item.defaultPrice * 60) / 100,
      lastModifiedDateTime: formatVismaDate(row.lastModified),
    }));
}

export function registerInventoryRoutes(router: Router<Handler>, state: () => VismaState, maxPageSize: number): void {
  const notFound = (number: string) => ippException(404, `Inventory item '${number}' not found.`);
  router
    .get("/v1/inventory", (request) => listInventory(state(), request, maxPageSize))
    .get("/v1/inventory/:inventoryNumber", (request) => {
      const item = findInventory(state(), request.params.inventoryNumber as string);
      if (!item) return notFound(request.params.inventoryNumber as string);
      return json(200, renderItem(state(), item, expandFlags(request.query)), { ETag: etagFor(item.rowVersion) });
    })
    .get("/v1/inventory/internal/:inventoryId", (request) => {
      const id = Number(request.params.inventoryId);
      const item = [...state().inventory.values()].find((candidate) => candidate.inventoryId === id);
      if (!item) return notFound(String(request.params.inventoryId));
      return json(200, renderItem(state(), item, expandFlags(request.query)), { ETag: etagFor(item.rowVersion) });
    })
    .post("/v1/inventory", (request) => {
      const body = readV1Body(request, inventoryCreateSchema, "InventoryUpdateDto");
      if (!body.ok) return body.response;
      const number = body.value.inventoryNumber?.value;
      if (!number) return ippException(400, "Error: 'Inventory ID' cannot be empty.");
      if (findInventory(state(), number)) return ippException(400, `Error: Inventory item '${number}' already exists.`);
      const item = newInventoryItem(state(), number);
      const problem = applyInventoryFields(state(), item, body.value);
      if (problem) return ippException(400, problem);
      state().inventory.set(number, item);
      return { status: 201, headers: { Location: `${request.baseUrl}/v1/inventory/${encodeURIComponent(number)}`, ETag: etagFor(item.rowVersion) } };
    })
    .put("/v1/inventory/:inventoryNumber", (request) => {
      const item = findInventory(state(), request.params.inventoryNumber as string);
      if (!item) return notFound(request.params.inventoryNumber as string);
      if (!ifMatchOk(header(request, "if-match"), item.rowVersion)) return ippException(412, "Inventory version does not match with If-Match header.", "412");
      const body = readV1Body(request, inventoryUpdateSchema, "InventoryUpdateDto");
      if (!body.ok) return body.response;
      const problem = applyInventoryFields(state(), item, body.value);
      if (problem) return ippException(400, problem);
      touch(state(), item);
      return noContent({ ETag: etagFor(item.rowVersion) });
    })
    .get("/v1/inventorysummary/:inventoryNumber", (request) => {
      const item = findInventory(state(), request.params.inventoryNumber as string);
      if (!item) return notFound(request.params.inventoryNumber as string);
      return json(200, renderSummary(item, queryValue(request.query, "warehouse") || undefined));
    })
    .get("/v1/attachment/:id", (request) => {
      const attachment = state().attachments.get(request.params.id as string);
      if (!attachment) return ippException(404, `Attachment '${request.params.id}' not found.`);
      return {
        status: 200,
        headers: { "Content-Disposition": `attachment; filename="${attachment.name}"` },
        bytes: { data: solidPng(`${attachment.id}#${attachment.revision}`), contentType: "image/png" },
      };
    });
}
