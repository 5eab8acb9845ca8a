/**
 * CS-Cart simulator state: one store (company_id 1) with products, users, categories and orders,
 * kept in internal units (cents, numbers) and rendered to CS-Cart's string-heavy shapes in render.ts.
 */
import { crc32 } from "node:zlib";
import type { SeedAddress, SeedData, SeedItem, SeedOrder, SeedShopUser } from "../shared/seed-data";

export interface CscartTax {
  taxId: number;
  description: string;
  ratePercent: number;
}

export interface CscartOrderStatus {
  code: string;
  description: string;
  /** D = the status decreases stock, I = increases (gives it back). */
  inventory: "D" | "I";
  paid: boolean;
}

export interface CscartSettings {
  companyId: number;
  pricesIncludeTax: boolean;
  /**
   * True for 4.13-era shops: orders carry `updated_at` and the order list knows `updated_at_from/to`.
   * False is an older shop that ignores those filters (any unknown parameter is ignored).
   */
  ordersHaveUpdatedAt: boolean;
  currency: string;
  taxes: CscartTax[];
  orderStatuses: CscartOrderStatus[];
  /** The shop's shipping methods (GET /shippings); orders carry their ids. */
  shippings: CscartShipping[];
}

export interface CscartShipping {
  shippingId: number;
  name: string;
  /** A for Active, D for Disabled. */
  status: "A" | "D";
}

export interface CscartImagePair {
  pairId: number;
  imageId: number;
  /** Where the image was taken from (the image_path the client sent, or the seed). */
  sourcePath: string;
  fileName: string;
  alt: string;
  position: number;
}

export interface CscartProduct {
  productId: number;
  productCode: string;
  product: string;
  priceCents: number;
  listPriceCents: number;
  amount: number;
  /** B = track the amount, D = do not track (ProductTracking in 4.13). */
  tracking: "B" | "D";
  status: "A" | "D" | "H";
  companyId: number;
  categoryIds: number[];
  mainCategory: number;
  taxIds: number[];
  fullDescription: string;
  weight: number;
  timestamp: number;
  updatedTimestamp: number;
  mainPair: CscartImagePair | null;
  imagePairs: CscartImagePair[];
}

export interface CscartAddress {
  firstname: string;
  lastname: string;
  address: string;
  address2: string;
  city: string;
  zipcode: string;
  country: string;
  countryDescr: string;
  state: string;
  phone: string;
}

export interface CscartUser {
  userId: number;
  email: string;
  userType: "C" | "A" | "P";
  companyId: number;
  status: "A" | "D";
  firstname: string;
  lastname: string;
  company: string;
  phone: string;
  userLogin: string;
  timestamp: number;
  billing: CscartAddress;
  shipping: CscartAddress;
}

export interface CscartCategory {
  categoryId: number;
  parentId: number;
  idPath: string;
  category: string;
  companyId: number;
  status: "A" | "D" | "H";
  position: number;
}

export interface CscartOrderLine {
  itemId: string;
  productId: number;
  productCode: string;
  product: string;
  basePriceCents: number;
  /** Discount per unit. */
  discountCents: number;
  amount: number;
  /** 0: no tax applies to the line (a zero-rated sale). */
  taxId: number;
  /** Units on shipments (order_details.shipped_amount is derived from shipment_items). */
  shippedAmount: number;
}

/** cscart_shipments + cscart_shipment_items (4.13 install/database/scheme.sql). */
export interface CscartShipment {
  shipmentId: number;
  orderId: number;
  shippingId: number;
  trackingNumber: string;
  carrier: string;
  timestamp: number;
  comments: string;
  /** 'P' (the column default). */
  status: string;
  /** item_id → amount. */
  items: Record<string, number>;
}

export interface CscartOrder {
  orderId: number;
  userId: number;
  companyId: number;
  status: string;
  timestamp: number;
  updatedAt: number;
  email: string;
  firstname: string;
  lastname: string;
  company: string;
  phone: string;
  billing: CscartAddress;
  shipping: CscartAddress;
  lines: CscartOrderLine[];
  subtotalDiscountCents: number;
  shippingCostCents: number;
  /** The payment method's surcharge in the shop's terms (gross in a VAT-inclusive shop), taxed at the standard rate. */
  paymentSurchargeCents: number;
  /** Gift certificates redeemed on the order (gift_certificates add-on): code and the certificate's balance. */
  giftCertificates: { code: string; amountCents: number }[];
  paymentId: number;
  paymentMethod: string;
  shippingId: number;
  shippingMethod: string;
  notes: string;
  /** How many times a PUT with more than `status` made the real shop recalculate this order. */
  recalculations: number;
  /** Status e-mails the shop sent the customer (notify_user on a status change). */
  customerNotifications: { status: string; at: number }[];
}

/** Every image write, so tests can check that main_pair is sent only when the image changed. */
export interface CscartImageWrite {
  productId: number;
  kind: "main_pair" | "image_pairs";
  sourcePath: string;
  /** "replaced" deleted an existing image first; "removed" deleted them and added none; "failed" means the URL could not be fetched. */
  result: "added" | "replaced" | "removed" | "failed";
  at: number;
}

export interface CscartState {
  settings: CscartSettings;
  imageWrites: CscartImageWrite[];
  products: Map<number, CscartProduct>;
  users: Map<number, CscartUser>;
  categories: CscartCategory[];
  orders: Map<number, CscartOrder>;
  shipments: Map<number, CscartShipment>;
  nextShipmentId: number;
  nextProductId: number;
  nextUserId: number;
  nextOrderId: number;
  nextImageId: number;
}

export const STANDARD_TAX_ID = 6;
const TAX_ID_BY_RATE: Record<number, number> = { 25: 6, 15: 7, 12: 8 };
const PAYMENT_IDS: Record<string, number> = { Klarna: 12, Vipps: 13, Faktura: 14, Kort: 15 };
/** The shop's shipping methods by name → shipping_id. */
export const SHIPPING_IDS: Record<string, number> = { Posten: 1, PostNord: 2, "Hent i butikk": 3 };

export const DEFAULT_ORDER_STATUSES: CscartOrderStatus[] = [
  { code: "P", description: "Processed", inventory: "D", paid: true },
  { code: "C", description: "Complete", inventory: "D", paid: true },
  { code: "O", description: "Open", inventory: "D", paid: false },
  { code: "F", description: "Failed", inventory: "I", paid: false },
  { code: "D", description: "Declined", inventory: "I", paid: false },
  { code: "B", description: "Backordered", inventory: "D", paid: false },
  { code: "I", description: "Canceled", inventory: "I", paid: false },
  { code: "Y", description: "Awaiting call", inventory: "D", paid: false },
  { code: "N", description: "Incomplete", inventory: "I", paid: false },
  // A status of the shop's own, as shops add them: APIcenter's demo sets it after export.
  { code: "E", description: "In Visma.net", inventory: "D", paid: true },
];

export function taxIdForRate(ratePercent: number): number {
  return TAX_ID_BY_RATE[ratePercent] ?? STANDARD_TAX_ID;
}

/** The shop's price for an item: gross in VAT-inclusive shops, net otherwise. */
export function shopPriceCents(item: SeedItem, pricesIncludeTax: boolean): number {
  return pricesIncludeTax ? item.grossPriceCents : item.netPriceCents;
}

/** CS-Cart item ids are a hash of the product (and options), so they repeat across orders. */
export function itemIdFor(productId: number): string {
  return String(crc32(`product:${productId}`));
}

export function toCscartAddress(address: SeedAddress, firstname: string, lastname: string, phone: string): CscartAddress {
  return {
    firstname,
    lastname,
    address: address.line1,
    address2: address.line2,
    city: address.city,
    zipcode: address.postalCode,
    country: address.countryId,
    countryDescr: address.countryName,
    state: "",
    phone,
  };
}

function productFromSeed(item: SeedItem, productId: number, pricesIncludeTax: boolean, state: CscartState): CscartProduct {
  const price = shopPriceCents(item, pricesIncludeTax);
  const mainPair: CscartImagePair | null = item.imageName
    ? { pairId: state.nextImageId, imageId: state.nextImageId++, sourcePath: `seed:${item.imageName}`, fileName: item.imageName, alt: item.name, position: 0 }
    : null;
  return {
    productId,
    productCode: item.sku,
    product: item.name,
    priceCents: price,
    listPriceCents: Math.round(price * 1.2),
    amount: item.stock.reduce((sum, stock) => sum + stock.onHand, 0),
    tracking: item.stockItem ? "B" : "D",
    status: item.status === "Active" ? "A" : "D",
    companyId: 1,
    categoryIds: [item.categoryId],
    mainCategory: item.categoryId,
    taxIds: [taxIdForRate(item.vatRate)],
    fullDescription: `<p>${item.description}</p>`,
    weight: 0.5,
    timestamp: item.createdAt,
    updatedTimestamp: item.modifiedAt,
    mainPair,
    imagePairs: [],
  };
}

function userFromSeed(user: SeedShopUser): CscartUser {
  const address = toCscartAddress(user.address, user.firstname, user.lastname, user.phone);
  return {
    userId: user.userId,
    email: user.email,
    userType: "C",
    companyId: 1,
    status: "A",
    firstname: user.firstname,
    lastname: user.lastname,
    company: user.company,
    phone: user.phone,
    userLogin: `user_${user.userId}`,
    timestamp: user.createdAt,
    billing: address,
    shipping: address,
  };
}

function orderFromSeed(order: SeedOrder, seed: SeedData, productIdBySku: Map<string, number>, settings: CscartSettings): CscartOrder {
  const lines: CscartOrderLine[] = [];
  for (const line of order.lines) {
    const item = seed.items[line.itemIndex];
    const productId = productIdBySku.get(line.sku);
    if (!item || productId === undefined) continue;
    const basePriceCents = shopPriceCents(item, settings.pricesIncludeTax);
    lines.push({
      itemId: itemIdFor(productId),
      productId,
      productCode: item.sku,
      product: item.name,
      basePriceCents,
      discountCents: Math.round((basePriceCents * line.discountPercent) / 100),
      amount: line.quantity,
      taxId: taxIdForRate(item.vatRate),
      shippedAmount: 0,
    });
  }
  const lineTotal = lines.reduce((sum, line) => sum + (line.basePriceCents - line.discountCents) * line.amount, 0);
  const shippingCostCents = settings.pricesIncludeTax ? order.shippingCostGrossCents : Math.round(order.shippingCostGrossCents / 1.25);
  return {
    orderId: order.orderId,
    userId: order.userId,
    companyId: 1,
    status: order.status,
    timestamp: order.createdAt,
    updatedAt: order.updatedAt,
    email: order.email,
    firstname: order.firstname,
    lastname: order.lastname,
    company: order.company,
    phone: order.phone,
    billing: toCscartAddress(order.billing, order.firstname, order.lastname, order.phone),
    shipping: toCscartAddress(order.shipping, order.firstname, order.lastname, order.phone),
    lines,
    subtotalDiscountCents: Math.round((lineTotal * order.subtotalDiscountPercent) / 100),
    shippingCostCents,
    paymentSurchargeCents: 0,
    giftCertificates: [],
    paymentId: PAYMENT_IDS[order.paymentMethod] ?? 12,
    paymentMethod: order.paymentMethod,
    shippingId: SHIPPING_IDS[order.shippingMethod] ?? 1,
    shippingMethod: order.shippingMethod,
    notes: order.notes,
    recalculations: 0,
    customerNotifications: [],
  };
}

export function createCscartState(seed: SeedData, pricesIncludeTax: boolean, ordersHaveUpdatedAt = true): CscartState {
  const settings: CscartSettings = {
    companyId: 1,
    pricesIncludeTax,
    ordersHaveUpdatedAt,
    currency: "NOK",
    taxes: [
      { taxId: 6, description: "MVA 25%", ratePercent: 25 },
      { taxId: 7, description: "MVA 15%", ratePercent: 15 },
      { taxId: 8, description: "MVA 12%", ratePercent: 12 },
    ],
    orderStatuses: DEFAULT_ORDER_STATUSES.map((status) => ({ ...status })),
    shippings: [
      ...Object.entries(SHIPPING_IDS).map(([name, shippingId]) => ({ shippingId, name, status: "A" as const })),
      { shippingId: 4, name: "Bring Hjem-levering (av)", status: "D" },
    ],
  };
  const state: CscartState = {
    settings,
    imageWrites: [],
    products: new Map(),
    users: new Map(),
    categories: [],
    orders: new Map(),
    shipments: new Map(),
    nextShipmentId: 1,
    nextProductId: 1,
    nextUserId: 1,
    nextOrderId: 1,
    nextImageId: 1,
  };
  const productIdBySku = new Map<string, number>();
  for (const item of seed.items) {
    if (!item.inShop) continue;
    const productId = state.nextProductId++;
    productIdBySku.set(item.sku, productId);
    state.products.set(productId, productFromSeed(item, productId, pricesIncludeTax, state));
  }
  const admin: CscartUser = {
    ...userFromSeed({
      userId: 1,
      email: "admin@example.com",
      firstname: "Shop",
      lastname: "Admin",
      company: "",
      phone: "",
      address: { line1: "", line2: "", postalCode: "", city: "", countryId: "NO", countryName: "Norway" },
      createdAt: seed.referenceTime - 1000 * 86_400,
      matchesVismaCustomer: null,
    }),
    userType: "A",
  };
  state.users.set(1, admin);
  for (const user of seed.shopUsers) state.users.set(user.userId, userFromSeed(user));
  state.nextUserId = maxKey(state.users, 1) + 1;
  state.categories = seed.categories.map((category) => ({
    categoryId: category.id,
    parentId: category.parentId,
    idPath: category.parentId ? `${category.parentId}/${category.id}` : String(category.id),
    category: category.name,
    companyId: 1,
    status: "A",
    position: category.position,
  }));
  for (const order of seed.orders) state.orders.set(order.orderId, orderFromSeed(order, seed, productIdBySku, settings));
  state.nextOrderId = maxKey(state.orders, 999) + 1;
  return state;
}

/** A loop rather than Math.max(...keys): spreading 100,000 keys can overflow the call stack. */
function maxKey(map: Map<number, unknown>, floor: number): number {
  let max = floor;
  for (const key of map.keys()) if (key > max) max = key;
  return max;
}

export function findStatus(settings: CscartSettings, code: string): CscartOrderStatus | undefined {
  return settings.orderStatuses.find((status) => status.code === code);
}

/** Moves stock the way CS-Cart does when an order crosses between "decrease" and "increase" statuses. */
export function applyInventoryForStatusChange(state: CscartState, order: CscartOrder, from: string | null, to: string): void {
  const before = from === null ? "I" : (findStatus(state.settings, from)?.inventory ?? "I");
  const after = findStatus(state.settings, to)?.inventory ?? "I";
  if (before === after) return;
  const sign = after === "D" ? -1 : 1;
  for (const line of order.lines) {
    const product = state.products.get(line.productId);
    if (!product || product.tracking === "D") continue;
    product.amount += sign * line.amount;
  }
}

/** updated_timestamp must change on every write, even two writes within one second. */
export function nextTimestamp(previous: number): number {
  return Math.max(Math.floor(Date.now() / 1000), previous + 1);
}
