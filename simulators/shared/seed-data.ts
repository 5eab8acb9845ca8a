/**
 * One deterministic data universe for both simulators. CS-Cart and Visma.net each build their own
 * state from it, so the same seed and scale give the same SKUs (inventoryNumber == product_code),
 * with a few SKUs deliberately present on one side only, and shop e-mails that partly match Visma
 * customers (sometimes in another letter case).
 */
import { chance, deriveRandom, intBetween, pick, type Random } from "./prng";

export interface SeedScale {
  products: number;
  customers: number;
  orders: number;
}

export const DEFAULT_SCALE: SeedScale = { products: 200, customers: 60, orders: 80 };

/** Seeded timestamps count back from this fixed moment (2025-06-01T00:00:00Z) so output is pure. */
export const SEED_REFERENCE_TIME = 1_748_736_000;

export interface SeedAddress {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  countryId: string;
  countryName: string;
}

/** The shop's pickup shipping method: its orders carry no shipping address. */
export const PICKUP = "Hent i butikk";
const NO_ADDRESS: SeedAddress = { line1: "", line2: "", postalCode: "", city: "", countryId: "", countryName: "" };

export interface SeedCategory {
  id: number;
  parentId: number;
  name: string;
  /** Visma item class id for items of this category. */
  itemClassId: string;
  itemClassDescription: string;
  position: number;
}

export type VismaItemType = "FinishedGoodItem" | "NonStockItem" | "ServiceItem";

export interface SeedItem {
  index: number;
  sku: string;
  name: string;
  description: string;
  categoryId: number;
  type: VismaItemType;
  stockItem: boolean;
  /** VAT rate in percent: 25, 15 or 12. */
  vatRate: number;
  /** Price including VAT, in cents; the net price is derived from it. */
  grossPriceCents: number;
  netPriceCents: number;
  /** Stock per warehouse; the first entry is the default warehouse. */
  stock: { warehouse: string; onHand: number }[];
  imageName: string | null;
  inShop: boolean;
  inVisma: boolean;
  status: "Active" | "Inactive";
  createdAt: number;
  modifiedAt: number;
}

export interface SeedCustomer {
  number: string;
  name: string;
  isCompany: boolean;
  corporateId: string;
  vatRegistrationId: string;
  contactName: string;
  email: string;
  phone: string;
  address: SeedAddress;
  creditTermsId: string;
  createdAt: number;
  modifiedAt: number;
}

/** Who a shop user or shop order belongs to, as the shop stores it. */
export interface SeedShopPerson {
  /** 0 on guest orders. */
  userId: number;
  email: string;
  firstname: string;
  lastname: string;
  company: string;
  phone: string;
}

export interface SeedShopUser extends SeedShopPerson {
  address: SeedAddress;
  createdAt: number;
  /** Visma customer number with the same e-mail (ignoring case), if any. */
  matchesVismaCustomer: string | null;
}

export interface SeedOrderLine {
  sku: string;
  itemIndex: number;
  quantity: number;
  /** Shop discount on this line in percent (0 when none). */
  discountPercent: number;
}

export type SeedOrderStatus = "P" | "C" | "O" | "F" | "I" | "N";

export interface SeedOrder extends SeedShopPerson {
  orderId: number;
  billing: SeedAddress;
  shipping: SeedAddress;
  status: SeedOrderStatus;
  createdAt: number;
  updatedAt: number;
  lines: SeedOrderLine[];
  /** Order-level discount as a percent of the subtotal (0 when none). */
  subtotalDiscountPercent: number;
  shippingCostGrossCents: number;
  paymentMethod: string;
  shippingMethod: string;
  notes: string;
}

export interface SeedData {
  seed: number;
  scale: SeedScale;
  referenceTime: number;
  categories: SeedCategory[];
  items: SeedItem[];
  customers: SeedCustomer[];
  shopUsers: SeedShopUser[];
  orders: SeedOrder[];
}

const FIRST_NAMES = [
  "Kari",
  "Ola",
  "Åse",
  "Bjørn",
  "Ærlend",
  "Søren",
  "Jürgen",
  "Zoë",
  "Łukasz",
  "Ingrid",
  "Håkon",
  "Märta",
  "Björn",
  "Aino",
  "Jørgen",
  "Sofie",
  "Émile",
  "Øystein",
  "Liv",
  "Ćiril",
];
const LAST_NAMES = [
  "Nordmann",
  "Østby",
  "Bjørnstad",
  "Müller",
  "Ødegård",
  "Løvås",
  "Åkesson",
  "Sørensen",
  "Virtanen",
  "Kowalski",
  "Haugen",
  "Grünewald",
  "Strøm",
  "Lindqvist",
  "Dahl",
  "Brønnøy",
];
const COMPANY_WORDS = ["Nordlys", "Fjellstue", "Havbris", "Skogsrå", "Fjord", "Vinterlys", "Ørnes", "Bølgen"];
const COMPANY_SUFFIX: Record<string, string> = { NO: "AS", SE: "AB", DK: "ApS", DE: "GmbH", FI: "Oy" };
const STREETS = ["Storgata", "Kirkegata", "Åsveien", "Østre gate", "Drottninggatan", "Hauptstraße", "Strandvejen", "Bryggen"];
const PLACES: { city: string; postalCode: string; countryId: string; countryName: string }[] = [
  { city: "Oslo", postalCode: "0155", countryId: "NO", countryName: "Norway" },
  { city: "Tromsø", postalCode: "9008", countryId: "NO", countryName: "Norway" },
  { city: "Bergen", postalCode: "5003", countryId: "NO", countryName: "Norway" },
  { city: "Ålesund", postalCode: "6002", countryId: "NO", countryName: "Norway" },
  { city: "Göteborg", postalCode: "411 05", countryId: "SE", countryName: "Sweden" },
  { city: "Malmö", postalCode: "211 20", countryId: "SE", countryName: "Sweden" },
  { city: "København", postalCode: "1050", countryId: "DK", countryName: "Denmark" },
  { city: "München", postalCode: "80331", countryId: "DE", countryName: "Germany" },
  { city: "Jyväskylä", postalCode: "40100", countryId: "FI", countryName: "Finland" },
];
const EMAIL_DOMAINS = ["example.no", "example.se", "example.com", "example.dk"];

const CATEGORY_DEFS: Omit<SeedCategory, "position">[] = [
  { id: 1, parentId: 0, name: "Klær", itemClassId: "TEXTIL", itemClassDescription: "Textiles" },
  { id: 2, parentId: 1, name: "T-skjorter", itemClassId: "TEXTIL", itemClassDescription: "Textiles" },
  { id: 3, parentId: 1, name: "Sokker & strømper", itemClassId: "TEXTIL", itemClassDescription: "Textiles" },
  { id: 4, parentId: 0, name: "Kjøkken", itemClassId: "KITCHEN", itemClassDescription: "Kitchenware" },
  { id: 5, parentId: 0, name: "Mat og drikke", itemClassId: "FOOD", itemClassDescription: "Food (reduced VAT)" },
  { id: 6, parentId: 0, name: "Friluftsliv", itemClassId: "OUTDOOR", itemClassDescription: "Outdoor gear" },
  { id: 7, parentId: 0, name: "Tjenester", itemClassId: "SERVICE", itemClassDescription: "Services" },
];

const PRODUCT_NOUNS: Record<number, { code: string; nouns: string[]; vatRate: number }> = {
  2: { code: "TSH", nouns: ["T-skjorte", "Singlet", "Pikéskjorte"], vatRate: 25 },
  3: { code: "SOK", nouns: ["Ullsokker", "Tursokker", "Strømpebukse"], vatRate: 25 },
  4: { code: "KJK", nouns: ["Kaffekopp", "Stekepanne", "Skjærefjøl", "Tekanne"], vatRate: 25 },
  5: { code: "MAT", nouns: ["Brunost", "Multebærsyltetøy", "Kaffe Økologisk", "Knekkebrød"], vatRate: 15 },
  6: { code: "FRI", nouns: ["Sovepose", "Hodelykt", "Termos", "Ryggsekk"], vatRate: 25 },
  7: { code: "SRV", nouns: ["Gaveinnpakning", "Monteringstjeneste"], vatRate: 25 },
};
const COLOURS = ["svart", "grå", "blå", "rød", "grønn", "hvit", "gul"];
const SIZES = ["XS", "S", "M", "L", "XL"];
const GROSS_PRICES = [4900, 9900, 12900, 14950, 19900, 24900, 34900, 49900, 79900, 129900];
const ORDER_STATUSES: SeedOrderStatus[] = ["P", "P", "P", "C", "C", "O", "F", "I"];

function address(random: Random): SeedAddress {
  const place = pick(random, PLACES);
  return {
    line1: `${pick(random, STREETS)} ${intBetween(random, 1, 120)}`,
    line2: chance(random, 0.2) ? `Leil. H0${intBetween(random, 101, 409)}` : "",
    postalCode: place.postalCode,
    city: place.city,
    countryId: place.countryId,
    countryName: place.countryName,
  };
}

/** E-mail local parts are ASCII even for non-ASCII names, as shops usually require. */
function emailFor(first: string, last: string, serial: number, random: Random): string {
  const ascii = (text: string) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[Øø]/g, "o")
      .replace(/[Ææ]/g, "ae")
      .replace(/[Łł]/g, "l")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}${serial}@${pick(random, EMAIL_DOMAINS)}`;
}

/** Changes letter case in a way that keeps the address equal when compared case-insensitively. */
function recase(email: string, random: Random): string {
  const [local = "", domain = ""] = email.split("@");
  return chance(random, 0.5) ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}` : `${local}@${domain.toUpperCase()}`;
}

function generateItems(seed: number, count: number, referenceTime: number): SeedItem[] {
  const random = deriveRandom(seed, "items");
  const categoryIds = Object.keys(PRODUCT_NOUNS).map(Number);
  const items: SeedItem[] = [];
  for (let index = 0; index < count; index++) {
    const categoryId = categoryIds[index % categoryIds.length] as number;
    const def = PRODUCT_NOUNS[categoryId] as { code: string; nouns: string[]; vatRate: number };
    const isService = categoryId === 7;
    const colour = pick(random, COLOURS);
    const size = categoryId === 2 ? ` ${pick(random, SIZES)}` : "";
    const name = `${pick(random, def.nouns)} ${colour}${size}`;
    const grossPriceCents = pick(random, GROSS_PRICES);
    const netPriceCents = Math.round((grossPriceCents * 100) / (100 + def.vatRate));
    const createdAt = referenceTime - intBetween(random, 30, 730) * 86_400;
    const modifiedAt = Math.min(referenceTime - 60, createdAt + intBetween(random, 0, 400) * 86_400);
    const stock = isService ? [] : [{ warehouse: "MAIN", onHand: chance(random, 0.1) ? 0 : intBetween(random, 1, 200) }];
    if (!isService && chance(random, 0.25)) stock.push({ warehouse: "WH2", onHand: intBetween(random, 0, 50) });
    // About 3 % exist only in Visma (to be imported) and 3 % only in the shop (unknown SKU on export).
    const sideRoll = random();
    items.push({
      index,
      sku: `${def.code}-${String(index + 1).padStart(6, "0")}`,
      name,
      description: `${name} – ${COMPANY_WORDS[index % COMPANY_WORDS.length]} kvalitet`,
      categoryId,
      type: isService ? "ServiceItem" : "FinishedGoodItem",
      stockItem: !isService,
      vatRate: def.vatRate,
      grossPriceCents,
      netPriceCents,
      stock,
      imageName: !isService && chance(random, 0.6) ? `${def.code.toLowerCase()}-${index + 1}.png` : null,
      inShop: sideRoll >= 0.03,
      inVisma: sideRoll < 0.03 || sideRoll >= 0.06,
      status: chance(random, 0.03) ? "Inactive" : "Active",
      createdAt,
      modifiedAt,
    });
  }
  return items;
}

function generateCustomers(seed: number, count: number, referenceTime: number): SeedCustomer[] {
  const random = deriveRandom(seed, "customers");
  const customers: SeedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const addr = address(random);
    const isCompany = chance(random, 0.3);
    const companyName = `${pick(random, COMPANY_WORDS)} ${pick(random, LAST_NAMES)} ${COMPANY_SUFFIX[addr.countryId] ?? "AS"}`;
    const orgNumber = String(900_000_000 + intBetween(random, 0, 99_999_999));
    const createdAt = referenceTime - intBetween(random, 10, 900) * 86_400;
    customers.push({
      number: String(10_000 + i),
      name: isCompany ? companyName : `${first} ${last}`,
      isCompany,
      corporateId: isCompany ? orgNumber : "",
      vatRegistrationId: isCompany ? `${addr.countryId}${orgNumber}MVA` : "",
      contactName: `${first} ${last}`,
      email: emailFor(first, last, i, random),
      phone: `+47${intBetween(random, 40_000_000, 99_999_999)}`,
      address: addr,
      creditTermsId: isCompany ? "30" : "14",
      createdAt,
      modifiedAt: Math.min(referenceTime - 60, createdAt + intBetween(random, 0, 300) * 86_400),
    });
  }
  return customers;
}

/** Shop users: most share an e-mail with a Visma customer (some in another case), the rest are new. */
function generateShopUsers(seed: number, customers: SeedCustomer[], referenceTime: number): SeedShopUser[] {
  const random = deriveRandom(seed, "shop-users");
  const users: SeedShopUser[] = [];
  const count = Math.max(1, Math.round(customers.length * 0.9));
  for (let i = 0; i < count; i++) {
    const match = i % 10 < 7 ? customers[i] : undefined;
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const email = match ? (chance(random, 0.25) ? recase(match.email, random) : match.email) : emailFor(first, last, 50_000 + i, random);
    const [matchFirst = first, ...matchRest] = (match?.contactName ?? "").split(" ");
    users.push({
      userId: i + 2, // user 1 is the shop administrator
      email,
      firstname: match ? matchFirst : first,
      lastname: match ? matchRest.join(" ") : last,
      company: match?.isCompany ? match.name : "",
      phone: match?.phone ?? `+46${intBetween(random, 700_000_000, 799_999_999)}`,
      address: match?.address ?? address(random),
      createdAt: referenceTime - intBetween(random, 5, 600) * 86_400,
      matchesVismaCustomer: match?.number ?? null,
    });
  }
  return users;
}

function generateOrders(seed: number, count: number, items: SeedItem[], users: SeedShopUser[], customers: SeedCustomer[], referenceTime: number): SeedOrder[] {
  const random = deriveRandom(seed, "orders");
  const orders: SeedOrder[] = [];
  const bothSides = items.filter((item) => item.inShop && item.inVisma && item.status === "Active");
  const shopOnly = items.filter((item) => item.inShop && !item.inVisma);
  const spanSeconds = 60 * 86_400;
  for (let i = 0; i < count; i++) {
    // Ids grow with time, as in CS-Cart; timestamps spread over the 60 days before the reference time.
    const createdAt = referenceTime - spanSeconds + Math.floor(((i + random()) / Math.max(count, 1)) * spanSeconds);
    const guest = chance(random, 0.2) || users.length === 0;
    const user = guest ? undefined : pick(random, users);
    let first = user?.firstname ?? pick(random, FIRST_NAMES);
    let last = user?.lastname ?? pick(random, LAST_NAMES);
    let email = user?.email ?? emailFor(first, last, 90_000 + i, random);
    let phone = user?.phone ?? `+45${intBetween(random, 20_000_000, 99_999_999)}`;
    let billing = user?.address ?? address(random);
    // Some guests are known Visma customers checking out without an account.
    const knownGuest = guest && customers.length > 0 && chance(random, 0.4) ? pick(random, customers) : undefined;
    if (knownGuest) {
      [first = first, last = last] = knownGuest.contactName.split(" ");
      email = chance(random, 0.3) ? knownGuest.email.toUpperCase() : knownGuest.email;
      phone = knownGuest.phone;
      billing = knownGuest.address;
    }
    const lineCount = intBetween(random, 1, chance(random, 0.3) ? 6 : 3);
    const lines: SeedOrderLine[] = [];
    const used = new Set<number>();
    for (let l = 0; l < lineCount && bothSides.length > 0; l++) {
      const item = pick(random, bothSides);
      if (used.has(item.index)) continue;
      used.add(item.index);
      lines.push({
        sku: item.sku,
        itemIndex: item.index,
        quantity: intBetween(random, 1, chance(random, 0.2) ? 5 : 2),
        discountPercent: chance(random, 0.15) ? pick(random, [10, 15, 20]) : 0,
      });
    }
    if (shopOnly.length > 0 && chance(random, 0.03)) {
      const item = pick(random, shopOnly);
      lines.push({ sku: item.sku, itemIndex: item.index, quantity: 1, discountPercent: 0 });
    }
    const status = i % 37 === 36 ? "N" : pick(random, ORDER_STATUSES);
    const order: SeedOrder = {
      orderId: 1000 + i,
      userId: user?.userId ?? 0,
      email,
      firstname: first,
      lastname: last,
      company: user?.company ?? "",
      phone,
      billing,
      shipping: chance(random, 0.15) ? address(random) : billing,
      status,
      createdAt,
      updatedAt: status === "O" || status === "N" ? createdAt : createdAt + intBetween(random, 60, 3 * 86_400),
      lines,
      subtotalDiscountPercent: chance(random, 0.1) ? 5 : 0,
      shippingCostGrossCents: chance(random, 0.2) ? 0 : pick(random, [4900, 5900, 9900]),
      paymentMethod: pick(random, ["Klarna", "Vipps", "Faktura", "Kort"]),
      shippingMethod: pick(random, ["Posten", "PostNord", PICKUP]),
      notes: chance(random, 0.1) ? "Leveres på døren – ring først" : "",
    };
    // Picked up in the shop: no shipping charge and no shipping address (the same draws as before,
    // so every other value of the seed stays as it was).
    orders.push(order.shippingMethod === PICKUP ? { ...order, shippingCostGrossCents: 0, shipping: NO_ADDRESS } : order);
  }
  return orders;
}

export function normalizeScale(scale: Partial<SeedScale> = {}): SeedScale {
  const whole = (value: number | undefined, fallback: number) => Math.max(0, Math.floor(value ?? fallback));
  return {
    products: whole(scale.products, DEFAULT_SCALE.products),
    customers: whole(scale.customers, DEFAULT_SCALE.customers),
    orders: whole(scale.orders, DEFAULT_SCALE.orders),
  };
}

/** Pure: the same seed and scale always give the same data. */
export function generateSeedData(seed: number, scale: Partial<SeedScale> = {}): SeedData {
  const fullScale = normalizeScale(scale);
  const referenceTime = SEED_REFERENCE_TIME;
  const items = generateItems(seed, fullScale.products, referenceTime);
  const customers = generateCustomers(seed, fullScale.customers, referenceTime);
  const shopUsers = generateShopUsers(seed, customers, referenceTime);
  const orders = generateOrders(seed, fullScale.orders, items, shopUsers, customers, referenceTime);
  const categories = CATEGORY_DEFS.map((category, position) => ({ ...category, position: position * 10 }));
  return { seed, scale: fullScale, referenceTime, categories, items, customers, shopUsers, orders };
}
