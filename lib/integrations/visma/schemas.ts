import { z } from "zod";

/**
 * Visma.net payloads (docs/api-facts.md, "Visma.net"). Reads are plain JSON with lookup objects; v1
 * writes wrap every field as `{"value": ...}`. Unknown extra fields are allowed; absent values may be null.
 */

const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();

export const MetadataSchema = z.looseObject({ totalCount: z.number().nullish(), maxPageSize: z.number().nullish() });

// ---- token ----

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform(Number)
    .optional(),
  token_type: optionalText,
});

// ---- v1 customer ----

export const VismaAddressSchema = z.looseObject({
  addressId: optionalNumber,
  addressLine1: optionalText,
  addressLine2: optionalText,
  addressLine3: optionalText,
  postalCode: optionalText,
  city: optionalText,
  country: z.looseObject({ id: optionalText, name: optionalText }).nullish(),
  county: z.looseObject({ id: optionalText, name: optionalText }).nullish(),
});

export const VismaContactSchema = z.looseObject({
  contactId: optionalNumber,
  name: optionalText,
  attention: optionalText,
  email: optionalText,
  web: optionalText,
  phone1: optionalText,
  phone2: optionalText,
  fax: optionalText,
});

const idDescription = z.looseObject({ id: optionalText, description: optionalText }).nullish();

export const VismaCustomerSchema = z.looseObject({
  internalId: optionalNumber,
  number: z.string(),
  name: optionalText,
  status: optionalText,
  mainAddress: VismaAddressSchema.nullish(),
  mainContact: VismaContactSchema.nullish(),
  invoiceAddress: VismaAddressSchema.nullish(),
  invoiceContact: VismaContactSchema.nullish(),
  deliveryAddress: VismaAddressSchema.nullish(),
  deliveryContact: VismaContactSchema.nullish(),
  customerClass: idDescription,
  creditTerms: idDescription,
  currencyId: optionalText,
  vatZone: idDescription,
  corporateId: optionalText,
  vatRegistrationId: optionalText,
  lastModifiedDateTime: optionalText,
  createdDateTime: optionalText,
  metadata: MetadataSchema.nullish(),
});
export type VismaCustomer = z.output<typeof VismaCustomerSchema>;

/** A v1 write value: `{"value": ...}`. */
export type Wrapped<T> = { value: T };

export interface VismaAddressUpdate {
  addressLine1: Wrapped<string>;
  addressLine2: Wrapped<string>;
  addressLine3: Wrapped<string>;
  postalCode: Wrapped<string>;
  city: Wrapped<string>;
  /** Two letters; left out when the shop has no country (an empty one is never sent). */
  countryId?: Wrapped<string>;
}

export interface VismaContactUpdate {
  name: Wrapped<string>;
  attention: Wrapped<string>;
  email: Wrapped<string>;
  phone1: Wrapped<string>;
}

/** `POST /v1/customer` body (CustomerUpdateDto), only the fields APIcenter sets. */
export interface VismaCustomerCreate {
  name: Wrapped<string>;
  status: Wrapped<"Active">;
  mainAddress: Wrapped<VismaAddressUpdate>;
  mainContact: Wrapped<VismaContactUpdate>;
  creditTermsId?: Wrapped<string>;
  customerClassId?: Wrapped<string>;
  currencyId?: Wrapped<string>;
  glAccounts?: Wrapped<{ customerLedgerAccount: Wrapped<string> }>;
  attributeLines?: Array<{ attributeId: { value: string }; attributeValue: Wrapped<string> }>;
}

// ---- v1 inventory ----

const warehouseId = z
  .union([z.string(), z.looseObject({ id: optionalText }).transform((warehouse) => warehouse.id ?? "")])
  .nullish()
  .transform((value) => value ?? "");

export const VismaWarehouseDetailSchema = z.looseObject({
  isDefault: z.boolean().nullish(),
  warehouse: warehouseId,
  quantityOnHand: optionalNumber,
  available: optionalNumber,
  availableForShipment: optionalNumber,
  lastModifiedDateTime: optionalText,
});
export type VismaWarehouseDetail = z.output<typeof VismaWarehouseDetailSchema>;

export const VismaAttachmentSchema = z.looseObject({
  name: optionalText,
  id: z.string(),
  revision: optionalNumber,
});

export const VismaInventoryItemSchema = z.looseObject({
  inventoryId: optionalNumber,
  inventoryNumber: z.string(),
  status: optionalText,
  type: optionalText,
  stockItem: z.boolean().nullish(),
  description: optionalText,
  body: optionalText,
  itemClass: z.looseObject({ id: optionalText, description: optionalText, type: optionalText }).nullish(),
  vatCode: idDescription,
  defaultPrice: optionalNumber,
  recommendedPrice: optionalNumber,
  baseUnit: optionalText,
  warehouseDetails: z.array(VismaWarehouseDetailSchema).nullish(),
  attachments: z.array(VismaAttachmentSchema).nullish(),
  attributes: z.array(z.looseObject({ id: z.string(), value: optionalText, description: optionalText })).nullish(),
  lastModifiedDateTime: optionalText,
  timestamp: optionalText,
  metadata: MetadataSchema.nullish(),
});
export type VismaInventoryItem = z.output<typeof VismaInventoryItemSchema>;

export const VismaInventorySummarySchema = z.array(
  z.looseObject({
    warehouse: warehouseId,
    location: z.unknown().optional(),
    onHand: optionalNumber,
    available: optionalNumber,
    availableForShipment: optionalNumber,
    notAvailable: optionalNumber,
    soBooked: optionalNumber,
    soAllocated: optionalNumber,
    soShipped: optionalNumber,
    soBackOrdered: optionalNumber,
  }),
);
export type VismaInventorySummary = z.output<typeof VismaInventorySummarySchema>;

// ---- v1 company lookups (debtor defaults) ----

/** GET /v1/branch/{branchNumber}: BranchDto. */
export const VismaBranchSchema = z.looseObject({ branchId: optionalNumber, number: optionalText, name: optionalText, isActive: z.boolean().nullish() });

/** GET /v1/creditTerm?termsId=: a BasePaginationDto of CreditTermDto (visibleTo AL all, CU customers, VE suppliers, DS disabled). */
export const VismaCreditTermPageSchema = z.looseObject({
  records: z
    .array(z.looseObject({ termsId: optionalText, description: optionalText, visibleTo: optionalText }))
    .nullish()
    .transform((records) => records ?? []),
});

/** GET /v1/account/{accountCd}: AccountDto. */
export const VismaAccountSchema = z.looseObject({ accountCD: optionalText, type: optionalText, active: z.boolean().nullish(), description: optionalText });

// ---- lists for the pick-lists (docs/api-facts.md, "Visma.net lists for the pick-lists") ----

/** GET /v1/vatCategory: a plain list of VatCategoryDto. An inventory item's `vatCode.id` is one of these ids. */
export const VismaVatCategoryListSchema = z.array(
  z.looseObject({
    vatCategoryId: z.string(),
    description: optionalText,
    active: z.boolean().nullish(),
    vatCategoryLines: z.array(z.looseObject({ vatId: optionalText, vatRates: z.array(z.looseObject({ vatRate: optionalNumber })).nullish() })).nullish(),
  }),
);
export type VismaVatCategory = z.output<typeof VismaVatCategoryListSchema>[number];

/** GET /v1/warehouse: WarehouseDto, paged like the other v1 lists. */
export const VismaWarehouseSchema = z.looseObject({
  warehouseID: z.string(),
  description: optionalText,
  active: z.boolean().nullish(),
  metadata: MetadataSchema.nullish(),
});
export type VismaWarehouse = z.output<typeof VismaWarehouseSchema>;

// ---- shipments ----

/** GET /api/v3/SalesOrders/{type}/{orderId}/shipment: SalesOrderShipmentDto[] (`id` is the shipment number). */
export const SalesOrderShipmentListSchema = z.array(z.looseObject({ id: optionalText, type: optionalText, date: optionalText, quantity: optionalNumber }));

/**
 * GET /v1/shipment[/{shipmentNbr}]: ShipmentDto (api-evangelist/visma visma-shipment-api-openapi.yml):
 * the status (Open, Hold, Completed, Cancelled, Confirmed, Invoiced, Receipted, AutoGenerated,
 * PartiallyInvoiced), the carrier (shipVia), the packages' tracking numbers, the orders it ships.
 */
export const VismaShipmentSchema = z.looseObject({
  shipmentNumber: optionalText,
  status: optionalText,
  shipmentDate: optionalText,
  shipVia: z.looseObject({ id: optionalText, description: optionalText }).nullish(),
  shipmentPackageLines: z
    .array(z.looseObject({ trackingNumber: optionalText }))
    .nullish()
    .transform((lines) => lines ?? []),
  shipmentOrderLines: z
    .array(z.looseObject({ orderType: optionalText, orderNbr: optionalText }))
    .nullish()
    .transform((lines) => lines ?? []),
  shipmentDetailLines: z
    .array(z.looseObject({ orderType: optionalText, orderNbr: optionalText, inventoryNumber: optionalText, shippedQty: optionalNumber }))
    .nullish()
    .transform((lines) => lines ?? []),
  lastModifiedDateTime: optionalText,
  metadata: MetadataSchema.nullish(),
});
export type VismaShipment = z.output<typeof VismaShipmentSchema>;

// ---- v1 shipment actions ----

export const VismaActionResultSchema = z.looseObject({
  actionId: optionalText,
  actionResult: optionalText,
  errorInfo: optionalText,
  referenceNumber: optionalText,
  shipmentDto: z.looseObject({ shipmentNumber: optionalText }).nullish(),
});
export type VismaActionResult = z.output<typeof VismaActionResultSchema>;

// ---- SalesOrder V3 ----

/** NewSalesOrderAddressDto: send all fields when sending one (no defaults are filled). */
export interface SalesOrderAddress {
  line1: string;
  line2: string;
  line3: string;
  postalCode: string;
  city: string;
  countryId: string;
  stateId: string | null;
}

/** NewSalesOrderContactDto. */
export interface SalesOrderContact {
  name: string;
  attention: string;
  email: string;
  phone1: string;
}

export interface NewSalesOrderLine {
  inventoryId: string;
  /** Negative only for misc. charge items (1809-InvalidQuantityForType). */
  quantity: number;
  unitPrice: number;
  hasManualPrice: true;
  discountAmount: number;
  hasManualDiscount: true;
  description: string;
  warehouseId?: string;
  /** Overrides the VAT category the item's class gives (a 0 % sale, say). */
  taxCategoryId?: string;
}

/** An address is sent only with its country; the contact always. */
export interface SalesOrderParty {
  address?: SalesOrderAddress;
  contact: SalesOrderContact;
}

export interface NewSalesOrderCommand {
  type: string;
  /** `order` (≤ 40) is CSCART-<id>: how an order is found again; `termsId` overrides the customer's terms. */
  customer: { id: string; order: string; refNo?: string; termsId?: string };
  date: string;
  description?: string;
  note?: string;
  currencyId?: string;
  branchId?: string;
  billing: SalesOrderParty;
  /** `shipViaId` (≤ 15): the carrier; its settings decide whether `freight.cost` may be set by hand. */
  shipping: SalesOrderParty & { shipViaId?: string };
  freight?: { cost: number; taxCategoryId?: string };
  /** Overrides the customer's payment method (must be active; 1402–1404 otherwise). */
  paymentSettings?: { paymentMethodId: string; cashAccountId?: string };
  orderLines: NewSalesOrderLine[];
}

export const SalesOrderListItemSchema = z.looseObject({
  orderId: optionalText,
  type: optionalText,
  customerId: optionalText,
  /** The list DTO carries the customer's order reference here... */
  customerOrder: optionalText,
  /** ...the full DTO nests it under customer. */
  customer: z.looseObject({ id: optionalText, order: optionalText }).nullish(),
  status: optionalText,
  lastModified: optionalText,
  date: optionalText,
});
export type SalesOrderListItem = z.output<typeof SalesOrderListItemSchema>;

/** SalesOrderDto.status is a SalesOrderStatusDto; a plain text status is read as its description. */
const SalesOrderStatusSchema = z
  .union([
    optionalText.transform((description) => ({ description, hold: undefined, cancelled: undefined })),
    z.looseObject({ description: optionalText, hold: z.boolean().nullish(), cancelled: z.boolean().nullish() }),
  ])
  .transform((status) => ({ description: status.description ?? null, hold: status.hold ?? false, cancelled: status.cancelled ?? false }));

/** GET /api/v3/SalesOrders/{type}/{orderId}: what shipping needs. */
export const SalesOrderDetailSchema = z.looseObject({
  orderId: optionalText,
  type: optionalText,
  status: SalesOrderStatusSchema,
  orderLines: z
    .array(z.looseObject({ lineId: optionalNumber, quantity: optionalNumber, openQuantity: optionalNumber, warehouseId: optionalText }))
    .nullish()
    .transform((lines) => lines ?? []),
});
export type SalesOrderDetail = z.output<typeof SalesOrderDetailSchema>;

export const SalesOrderListPageSchema = z.looseObject({
  value: z
    .array(SalesOrderListItemSchema)
    .nullish()
    .transform((items) => items ?? []),
  totalCount: z.number().nullish(),
  nextPage: optionalText,
});
