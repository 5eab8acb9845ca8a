/**
 * Visma.net simulator state for one company: customers, inventory with per-warehouse stock,
 * attachments, SalesOrder V3 orders and v1 shipments. Times are epoch milliseconds (UTC).
 */
import type { SeedAddress, SeedCustomer, SeedData, SeedItem } from "../shared/seed-data";

export interface VismaAddress {
  addressId: number;
  addressLine1: string;
  addressLine2: string;
  addressLine3: string;
  postalCode: string;
  city: string;
  countryId: string;
  county: string;
}

export interface VismaContact {
  contactId: number;
  name: string;
  attention: string;
  email: string;
  web: string;
  phone1: string;
  phone2: string;
  fax: string;
}

export interface VismaCustomer {
  internalId: number;
  number: string;
  name: string;
  status: "Active" | "OnHold" | "CreditHold" | "Inactive" | "OneTime";
  mainAddress: VismaAddress;
  mainContact: VismaContact;
  invoiceAddress: VismaAddress;
  invoiceContact: VismaContact;
  deliveryAddress: VismaAddress;
  deliveryContact: VismaContact;
  customerClassId: string;
  /** Empty when the customer has no terms (SalesOrder V3 then needs customer.termsId). */
  creditTermsId: string;
  currencyId: string;
  vatRegistrationId: string;
  corporateId: string;
  vatZoneId: string;
  priceClassId: string;
  /** Accounts receivable ("collection") account, from glAccounts.customerLedgerAccount. */
  customerLedgerAccount: string;
  /** The default location's Ship via; empty for customers created through the API. */
  shipViaId: string;
  note: string;
  createdAt: number;
  modifiedAt: number;
  rowVersion: number;
}

export interface VismaWarehouseStock {
  warehouse: string;
  isDefault: boolean;
  onHand: number;
  /** On open sales orders, not yet on a shipment. */
  soBooked: number;
  /** On shipments not yet confirmed. */
  soAllocated: number;
  /** On confirmed shipments. */
  soShipped: number;
  lastModified: number;
}

export interface VismaAttachment {
  id: string;
  name: string;
  revision: number;
  inventoryNumber: string;
}

export interface VismaInventoryItem {
  inventoryId: number;
  inventoryNumber: string;
  status: "Active" | "NoSales" | "NoPurchases" | "NoRequest" | "Inactive" | "MarkedForDeletion";
  type: string;
  stockItem: boolean;
  description: string;
  body: string;
  itemClassId: string;
  itemClassDescription: string;
  postingClassId: string;
  vatCodeId: string;
  defaultPrice: number;
  recommendedPrice: number;
  baseUnit: string;
  salesUnit: string;
  purchaseUnit: string;
  warehouses: VismaWarehouseStock[];
  attachments: VismaAttachment[];
  attributes: { id: string; value: string; description: string }[];
  createdAt: number;
  modifiedAt: number;
  /** Latest stock change in any warehouse; separate from modifiedAt, as in Visma.net. */
  availabilityModifiedAt: number;
  /** Latest picture (attachment) change; a picture change does not move modifiedAt. */
  attachmentModifiedAt: number;
  rowVersion: number;
}

export interface VismaSalesOrderLine {
  lineId: number;
  inventoryId: string;
  description: string;
  quantity: number;
  unitPrice: number | null;
  hasManualPrice: boolean;
  discountPercent: number | null;
  discountAmount: number | null;
  hasManualDiscount: boolean;
  warehouseId: string;
  taxCategoryId: string | null;
  /** Quantity on shipments (open or confirmed). */
  shippedQuantity: number;
}

export interface VismaSalesOrder {
  type: string;
  orderId: string;
  status: "Open" | "Hold" | "Shipping" | "Completed";
  customerId: string;
  customerName: string;
  customerOrder: string | null;
  customerRefNo: string | null;
  date: string;
  description: string | null;
  currencyId: string;
  branchId: string | null;
  lines: VismaSalesOrderLine[];
  /** The manual freight cost sent, and the tax category of the freight (sent, else the Ship via's). */
  freight: { cost: number; taxCategoryId: string };
  /** The NewSalesOrderCommand exactly as received. */
  command: unknown;
  createdAt: number;
  modifiedAt: number;
  rowVersion: number;
}

export interface VismaShipment {
  shipmentNbr: string;
  orderType: string;
  orderNbr: string;
  status: "Open" | "Confirmed";
  shipmentDate: string;
  lines: { lineId: number; inventoryNumber: string; warehouse: string; quantity: number }[];
  /** The carrier (ShipmentDto.shipVia): the order's Ship via, else the customer's. */
  shipViaId: string;
  /** Tracking numbers of the shipment's packages (ShipmentDto.shipmentPackageLines[].trackingNumber). */
  trackingNumbers: string[];
  createdAt: number;
  modifiedAt: number;
}

export interface VismaOrderType {
  /** Manual numbering: the client must send orderId (a repeated orderId gives 409). */
  manualNumbering: boolean;
  description: string;
  /** "Hold documents on entry": new orders of this type start on hold (no status sent). */
  holdOnEntry?: boolean;
}

/** CreditTermDto.visibleTo: AL all, CU customers, VE suppliers, DS disabled. */
export type TermsVisibility = "AL" | "CU" | "VE" | "DS";

export interface VismaLookups {
  customerClasses: Record<string, string>;
  /** CS206500 credit terms by termsId. */
  creditTerms: Record<string, { description: string; visibleTo: TermsVisibility }>;
  vatZones: Record<string, string>;
  /** GL202500 chart of accounts by accountCD; a customer ledger (collection) account is an active Asset. */
  accounts: Record<string, { description: string; type: "Asset" | "Liability" | "Income" | "Expense"; active: boolean }>;
  /** CS101500 branches by number (BranchCD). */
  branches: Record<string, { name: string; isActive: boolean }>;
  warehouses: string[];
  /** Ship via codes; `manualFreightCost`: the carrier lets a freight cost be set by hand (else 1310); the freight's tax category. */
  shipVias: Record<string, { description: string; manualFreightCost: boolean; taxCategoryId: string }>;
  /** Tax categories and their VAT rate (percent); a line's or the freight's category decides its VAT. */
  taxCategories: Record<string, number>;
  orderTypes: Record<string, VismaOrderType>;
  vatCodes: Record<number, { id: string; description: string }>;
}

export interface VismaState {
  tenantId: string;
  lookups: VismaLookups;
  customers: Map<string, VismaCustomer>;
  inventory: Map<string, VismaInventoryItem>;
  attachments: Map<string, VismaAttachment>;
  salesOrders: Map<string, VismaSalesOrder>;
  shipments: Map<string, VismaShipment>;
  counters: { internalId: number; addressId: number; contactId: number; inventoryId: number; orderNumber: number; shipmentNumber: number; rowVersion: number };
  /** Last time handed out by clock(), so modification times never repeat. */
  lastClock: number;
}

export const DEFAULT_LOOKUPS: VismaLookups = {
  customerClasses: { WEB: "Webshop customers", B2B: "Business customers", DEFAULT: "Default" },
  creditTerms: {
    "14": { description: "14 days", visibleTo: "AL" },
    "30": { description: "30 days", visibleTo: "AL" },
    "0": { description: "Cash", visibleTo: "CU" },
    "60": { description: "60 days (suppliers)", visibleTo: "VE" },
  },
  vatZones: { "01": "Domestic", "02": "EU", "03": "Export" },
  accounts: {
    "1400": { description: "Kundefordringer nettbutikk", type: "Asset", active: true },
    "1500": { description: "Kundefordringer", type: "Asset", active: true },
    "1510": { description: "Kundefordringer utland", type: "Asset", active: true },
    "1590": { description: "Gamle kundefordringer", type: "Asset", active: false },
    "3000": { description: "Salgsinntekt", type: "Income", active: true },
  },
  branches: { "1": { name: "Hovedkontor", isActive: true }, "2": { name: "Nettbutikk", isActive: true }, "3": { name: "Nedlagt filial", isActive: false } },
  warehouses: ["MAIN", "WH2"],
  shipVias: {
    POSTEN: { description: "Posten, frakt etter handlekurv", manualFreightCost: true, taxCategoryId: "HOY" },
    POSTNORD: { description: "PostNord, frakt etter handlekurv", manualFreightCost: true, taxCategoryId: "HOY" },
    PICKUP: { description: "Hentes i butikk", manualFreightCost: false, taxCategoryId: "HOY" },
    BRINGCALC: { description: "Bring, frakt beregnet av Visma.net", manualFreightCost: false, taxCategoryId: "HOY" },
  },
  taxCategories: { HOY: 25, MIDDELS: 15, LAV: 12, FRITATT: 0 },
  orderTypes: {
    SO: { manualNumbering: false, description: "Sales order" },
    WO: { manualNumbering: true, description: "Web order (manual numbering)" },
    HO: { manualNumbering: false, description: "Sales order, held on entry", holdOnEntry: true },
  },
  vatCodes: {
    25: { id: "3", description: "Utgående mva høy sats" },
    15: { id: "31", description: "Utgående mva middels sats" },
    12: { id: "33", description: "Utgående mva lav sats" },
    0: { id: "0", description: "Fritatt for mva" },
  },
};

/** The VAT rate (percent) of a VAT code id, 0 when unknown. */
export function vatRateOfCode(lookups: VismaLookups, vatCodeId: string): number {
  const entry = Object.entries(lookups.vatCodes).find(([, code]) => code.id === vatCodeId);
  return entry ? Number(entry[0]) : 0;
}

/**
 * Items every demo company has besides its goods: a service item for payment surcharges and two
 * misc. charge items without VAT (Visma.net allows a negative quantity only on misc. charges) for
 * redeemed gift certificates and rounding. Not for sale in the shop (WEBSHOP 0).
 */
export const COMPANY_ITEMS = [
  { sku: "GEBYR", description: "Betalingsgebyr", type: "NonStockItem", vatRate: 25 },
  { sku: "GAVEKORT", description: "Gavekort innløst", type: "MiscCharge", vatRate: 0 },
  { sku: "AVRUNDING", description: "Øreavrunding", type: "MiscCharge", vatRate: 0 },
] as const;

export function salesOrderKey(type: string, orderId: string): string {
  return `${type.toUpperCase()}/${orderId}`;
}

/** A strictly increasing epoch-ms clock, so "modified after X" cursors never miss a change. */
export function clock(state: VismaState): number {
  state.lastClock = Math.max(Date.now(), state.lastClock + 1);
  return state.lastClock;
}

export function touch(state: VismaState, record: { modifiedAt: number; rowVersion: number }): void {
  record.modifiedAt = clock(state);
  record.rowVersion = ++state.counters.rowVersion;
}

export function emptyAddress(state: VismaState): VismaAddress {
  return { addressId: ++state.counters.addressId, addressLine1: "", addressLine2: "", addressLine3: "", postalCode: "", city: "", countryId: "", county: "" };
}

export function emptyContact(state: VismaState): VismaContact {
  return { contactId: ++state.counters.contactId, name: "", attention: "", email: "", web: "", phone1: "", phone2: "", fax: "" };
}

function addressFromSeed(state: VismaState, address: SeedAddress): VismaAddress {
  return {
    ...emptyAddress(state),
    addressLine1: address.line1,
    addressLine2: address.line2,
    postalCode: address.postalCode,
    city: address.city,
    countryId: address.countryId,
  };
}

function customerFromSeed(state: VismaState, seed: SeedCustomer): VismaCustomer {
  const contact = { ...emptyContact(state), name: seed.contactName, email: seed.email, phone1: seed.phone };
  const address = addressFromSeed(state, seed.address);
  return {
    internalId: ++state.counters.internalId,
    number: seed.number,
    name: seed.name,
    status: "Active",
    mainAddress: address,
    mainContact: contact,
    invoiceAddress: { ...address },
    invoiceContact: { ...contact },
    deliveryAddress: { ...address },
    deliveryContact: { ...contact },
    customerClassId: seed.isCompany ? "B2B" : "WEB",
    creditTermsId: seed.creditTermsId,
    currencyId: "NOK",
    vatRegistrationId: seed.vatRegistrationId,
    corporateId: seed.corporateId,
    vatZoneId: seed.address.countryId === "NO" ? "01" : "02",
    priceClassId: "",
    customerLedgerAccount: "1500",
    shipViaId: "POSTEN",
    note: "",
    createdAt: seed.createdAt * 1000,
    modifiedAt: seed.modifiedAt * 1000,
    rowVersion: ++state.counters.rowVersion,
  };
}

function itemFromSeed(state: VismaState, seed: SeedItem, itemClassDescription: string, itemClassId: string): VismaInventoryItem {
  const vatCode = state.lookups.vatCodes[seed.vatRate] ?? { id: "3", description: "" };
  const modifiedAt = seed.modifiedAt * 1000;
  const attachments: VismaAttachment[] = [];
  if (seed.imageName) {
    const attachment = { id: attachmentId(seed.index), name: seed.imageName, revision: 1, inventoryNumber: seed.sku };
    attachments.push(attachment);
    state.attachments.set(attachment.id, attachment);
  }
  return {
    inventoryId: ++state.counters.inventoryId,
    inventoryNumber: seed.sku,
    status: seed.status,
    type: seed.type,
    stockItem: seed.stockItem,
    description: seed.name,
    body: `<p>${seed.description}</p>`,
    itemClassId,
    itemClassDescription,
    postingClassId: "STD",
    vatCodeId: vatCode.id,
    defaultPrice: seed.netPriceCents / 100,
    recommendedPrice: seed.grossPriceCents / 100,
    baseUnit: "STK",
    salesUnit: "STK",
    purchaseUnit: "STK",
    warehouses: seed.stock.map((stock, index) => ({
      warehouse: stock.warehouse,
      isDefault: index === 0,
      onHand: stock.onHand,
      soBooked: 0,
      soAllocated: 0,
      soShipped: 0,
      lastModified: modifiedAt,
    })),
    attachments,
    attributes: [{ id: "WEBSHOP", value: seed.inShop ? "1" : "0", description: seed.inShop ? "Yes" : "No" }],
    createdAt: seed.createdAt * 1000,
    modifiedAt,
    availabilityModifiedAt: modifiedAt,
    attachmentModifiedAt: modifiedAt,
    rowVersion: ++state.counters.rowVersion,
  };
}

function companyItem(state: VismaState, item: (typeof COMPANY_ITEMS)[number], at: number): VismaInventoryItem {
  return {
    inventoryId: ++state.counters.inventoryId,
    inventoryNumber: item.sku,
    status: "Active",
    type: item.type,
    stockItem: false,
    description: item.description,
    body: "",
    itemClassId: "ADMIN",
    itemClassDescription: "Administrative items",
    postingClassId: "STD",
    vatCodeId: state.lookups.vatCodes[item.vatRate]?.id ?? "0",
    defaultPrice: 0,
    recommendedPrice: 0,
    baseUnit: "STK",
    salesUnit: "STK",
    purchaseUnit: "STK",
    warehouses: [],
    attachments: [],
    attributes: [{ id: "WEBSHOP", value: "0", description: "No" }],
    createdAt: at,
    modifiedAt: at,
    availabilityModifiedAt: at,
    attachmentModifiedAt: at,
    rowVersion: ++state.counters.rowVersion,
  };
}

/** GUID-shaped, deterministic attachment ids. */
export function attachmentId(serial: number): string {
  const hex = serial.toString(16).padStart(12, "0");
  return `5f1c3b1e-7a0e-4c1d-9a42-${hex}`;
}

export function createVismaState(seed: SeedData, tenantId: string): VismaState {
  const state: VismaState = {
    tenantId,
    lookups: structuredClone(DEFAULT_LOOKUPS),
    customers: new Map(),
    inventory: new Map(),
    attachments: new Map(),
    salesOrders: new Map(),
    shipments: new Map(),
    counters: { internalId: 9000, addressId: 3000, contactId: 5000, inventoryId: 1000, orderNumber: 0, shipmentNumber: 0, rowVersion: 0 },
    lastClock: 0,
  };
  for (const customer of seed.customers) state.customers.set(customer.number, customerFromSeed(state, customer));
  const classes = new Map(seed.categories.map((category) => [category.id, category]));
  for (const item of seed.items) {
    if (!item.inVisma) continue;
    const category = classes.get(item.categoryId);
    state.inventory.set(item.sku, itemFromSeed(state, item, category?.itemClassDescription ?? "", category?.itemClassId ?? "DEFAULT"));
  }
  for (const item of COMPANY_ITEMS) state.inventory.set(item.sku, companyItem(state, item, seed.referenceTime * 1000));
  return state;
}

export function findInventory(state: VismaState, inventoryNumber: string): VismaInventoryItem | undefined {
  return (
    state.inventory.get(inventoryNumber) ?? [...state.inventory.values()].find((item) => item.inventoryNumber.toLowerCase() === inventoryNumber.toLowerCase())
  );
}

/** Stock row for a warehouse, created on first use (as a receipt into a new warehouse would). */
export function warehouseStock(state: VismaState, item: VismaInventoryItem, warehouse: string | undefined): VismaWarehouseStock {
  const wanted = warehouse ?? item.warehouses.find((row) => row.isDefault)?.warehouse ?? "MAIN";
  let row = item.warehouses.find((candidate) => candidate.warehouse === wanted);
  if (!row) {
    row = { warehouse: wanted, isDefault: item.warehouses.length === 0, onHand: 0, soBooked: 0, soAllocated: 0, soShipped: 0, lastModified: clock(state) };
    item.warehouses.push(row);
  }
  return row;
}

/** Marks a stock change: only the availability timestamp moves, not the item's lastModifiedDateTime. */
export function touchStock(state: VismaState, item: VismaInventoryItem, row: VismaWarehouseStock): void {
  row.lastModified = clock(state);
  item.availabilityModifiedAt = row.lastModified;
}

export function availableOf(row: VismaWarehouseStock): number {
  return row.onHand - row.soBooked - row.soAllocated;
}

export function availableForShipmentOf(row: VismaWarehouseStock): number {
  return row.onHand - row.soAllocated;
}
