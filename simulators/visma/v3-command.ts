/**
 * NewSalesOrderCommand (SalesOrder V3, spec 1.0.14.784): the zod shape plus the business checks
 * Visma.net applies on create. Codes from the docs are used where known; codes starting with "SIM-"
 * are the simulator's own for checks whose real code is not documented.
 */
import { z } from "zod";
import type { ValidationDetail } from "./errors";
import { findInventory, type VismaState } from "./state";

const text = z.string().nullable().optional();
const number = z.number().nullable().optional();

const addressSchema = z.object({ line1: text, line2: text, line3: text, postalCode: text, city: text, countryId: text, stateId: text });
const contactSchema = z.object({ name: text, attention: text, email: text, phone1: text });
export const ADDRESS_FIELDS = ["line1", "line2", "line3", "postalCode", "city", "countryId", "stateId"] as const;
export const CONTACT_FIELDS = ["name", "attention", "email", "phone1"] as const;

const lineSchema = z.object({
  inventoryId: text,
  quantity: number,
  unitPrice: number,
  hasManualPrice: z.boolean().nullable().optional(),
  discountPercent: number,
  discountAmount: number,
  discountCode: text,
  hasManualDiscount: z.boolean().nullable().optional(),
  description: text,
  note: text,
  branchId: text,
  warehouseId: text,
  taxCategoryId: text,
  unitOfMeasure: text,
  operation: z.enum(["Issue", "Receipt"]).nullable().optional(),
  shippingRule: text,
});

export const newSalesOrderCommandSchema = z.object({
  type: text,
  orderId: text,
  customer: z.object({ id: text, order: text, refNo: text, contactId: number, locationId: text, termsId: text, gln: text }).nullable().optional(),
  date: text,
  requestOn: text,
  cancelBy: text,
  description: text,
  note: text,
  status: z.enum(["Open", "Hold"]).nullable().optional(),
  currencyId: text,
  taxZoneId: text,
  branchId: text,
  billing: z.object({ address: addressSchema.nullable().optional(), contact: contactSchema.nullable().optional() }).nullable().optional(),
  shipping: z
    .object({
      address: addressSchema.nullable().optional(),
      contact: contactSchema.nullable().optional(),
      shipViaId: text,
      termsId: text,
      rule: text,
      preferredWarehouseId: text,
      scheduledDate: text,
    })
    .nullable()
    .optional(),
  freight: z.object({ cost: number, premiumAmount: number, taxCategoryId: text }).nullable().optional(),
  paymentSettings: z.object({ paymentMethodId: text, cashAccountId: text, paymentReference: text }).nullable().optional(),
  financialInformation: z.record(z.string(), z.unknown()).nullable().optional(),
  orderLines: z.array(lineSchema).nullable().optional(),
});
export type NewSalesOrderCommand = z.infer<typeof newSalesOrderCommandSchema>;

const SELLABLE = new Set(["Active", "NoPurchases", "NoRequest"]);
const ORDERABLE_CUSTOMER = new Set(["Active", "OneTime"]);

const nullNotAllowed = (property: string): ValidationDetail => ({ code: "0001-NullNotAllowed", message: "Null value not allowed", property, value: null });

/**
 * maxLength of NewSalesOrderCommand and its DTOs in the V3 OpenAPI 1.0.14.784; a longer value is
 * refused with 0002-InvalidLength ("Invalid length") naming the property.
 */
const ADDRESS_LIMITS = { line1: 50, line2: 50, line3: 50, city: 50, postalCode: 20, countryId: 2, stateId: 50 };
const CONTACT_LIMITS = { name: 255, attention: 255, email: 255, phone1: 50 };
const HEADER_LIMITS: Record<string, number> = {
  orderId: 15,
  description: 255,
  note: 2048,
  currencyId: 5,
  branchId: 30,
  "customer.order": 40,
  "customer.refNo": 40,
  "shipping.shipViaId": 15,
  "shipping.termsId": 15,
  "shipping.fobPointId": 15,
  "shipping.zoneId": 15,
  "shipping.preferredWarehouseId": 30,
  "freight.taxCategoryId": 10,
  "paymentSettings.cashAccountId": 10,
  "paymentSettings.paymentReference": 40,
  ...Object.fromEntries(
    ["billing", "shipping"].flatMap((section) => [
      ...Object.entries(ADDRESS_LIMITS).map(([field, max]) => [`${section}.address.${field}`, max]),
      ...Object.entries(CONTACT_LIMITS).map(([field, max]) => [`${section}.contact.${field}`, max]),
    ]),
  ),
};
const LINE_LIMITS: Record<string, number> = {
  description: 256,
  note: 2048,
  unitOfMeasure: 6,
  discountCode: 10,
  branchId: 30,
  salesAccountId: 10,
  salesPersonId: 15,
  projectTaskId: 30,
  externalLink: 255,
};

function valueAt(raw: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), raw);
}

function lengthProblems(raw: Record<string, unknown>): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  const check = (value: unknown, max: number, property: string) => {
    if (typeof value === "string" && value.length > max) details.push({ code: "0002-InvalidLength", message: "Invalid length", property, value });
  };
  for (const [path, max] of Object.entries(HEADER_LIMITS)) check(valueAt(raw, path), max, path);
  const lines = Array.isArray(raw.orderLines) ? raw.orderLines : [];
  lines.forEach((line, index) => {
    for (const [field, max] of Object.entries(LINE_LIMITS)) check(valueAt(line, field), max, `orderLines[${index}].${field}`);
  });
  return details;
}

/**
 * A freight cost sent by the client is a manual freight cost: allowed only when the order's Ship via
 * (the one sent, else the customer's default) lets it be set by hand (1310-FreightCostCanNotBeSetManually).
 */
function freightProblems(state: VismaState, command: NewSalesOrderCommand, customerShipVia: string | undefined): ValidationDetail[] {
  const sent = command.shipping?.shipViaId?.trim();
  const shipVia = sent ? state.lookups.shipVias[sent.toUpperCase()] : undefined;
  if (sent && !shipVia) return [{ code: "SIM-ShipViaNotFound", message: `Ship via '${sent}' does not exist`, property: "shipping.shipViaId", value: sent }];
  if (command.freight?.cost === undefined || command.freight.cost === null) return [];
  const effective = shipVia ?? (customerShipVia ? state.lookups.shipVias[customerShipVia] : undefined);
  if (effective?.manualFreightCost) return [];
  return [
    {
      code: "1310-FreightCostCanNotBeSetManually",
      message: "Freight cost is not allowed to be set manually according to the Ship Via Code settings",
      property: "freight.cost",
      value: command.freight.cost,
    },
  ];
}

/** An address or contact, when sent, must carry all of its fields: nothing is filled from the customer. */
function checkComplete(raw: unknown, fields: readonly string[], property: string, details: ValidationDetail[]): void {
  if (raw === null || raw === undefined || typeof raw !== "object") return;
  const present = raw as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in present)) {
      details.push({
        code: "SIM-IncompleteAddressOrContact",
        message: `All fields must be sent when ${property} is sent; '${field}' is missing`,
        property: `${property}.${field}`,
      });
    }
  }
}

/** Business validation; returns the problems found (empty when the order can be created). */
export function validateCommand(state: VismaState, command: NewSalesOrderCommand, raw: Record<string, unknown>): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  const lookups = state.lookups;
  const orderType = command.type ? lookups.orderTypes[command.type.toUpperCase()] : undefined;
  if (!command.type) details.push(nullNotAllowed("type"));
  else if (!orderType)
    details.push({ code: "SIM-OrderTypeNotFound", message: `Order type '${command.type}' does not exist`, property: "type", value: command.type });

  const customerId = command.customer?.id;
  const customer = customerId ? state.customers.get(customerId) : undefined;
  if (!command.customer) details.push(nullNotAllowed("customer"));
  else if (!customerId) details.push(nullNotAllowed("customer.id"));
  else if (!customer)
    details.push({ code: "SIM-CustomerNotFound", message: `Customer '${customerId}' was not found`, property: "customer.id", value: customerId });
  else if (!ORDERABLE_CUSTOMER.has(customer.status)) {
    details.push({
      code: "1407-InvalidCustomerStatus",
      message: `Customer status '${customer.status}' does not allow new orders`,
      property: "customer.id",
      value: customerId,
    });
  }
  if (customer && !customer.creditTermsId && !command.customer?.termsId) {
    details.push({ code: "1401-MissingTermsId", message: "The customer has no credit terms; send customer.termsId", property: "customer.termsId" });
  }
  if (command.customer?.termsId && !(command.customer.termsId in lookups.creditTerms)) {
    details.push({
      code: "SIM-TermsNotFound",
      message: `Terms '${command.customer.termsId}' do not exist`,
      property: "customer.termsId",
      value: command.customer.termsId,
    });
  }

  if (orderType?.manualNumbering && !command.orderId) details.push(nullNotAllowed("orderId"));
  if (orderType && !orderType.manualNumbering && command.orderId) {
    details.push({
      code: "SIM-OrderIdNotAllowed",
      message: `Order type '${command.type}' numbers orders automatically; leave orderId empty`,
      property: "orderId",
      value: command.orderId,
    });
  }
  if (command.branchId && !lookups.branches[command.branchId]?.isActive) {
    details.push({
      code: "SIM-BranchNotFound",
      message: `Branch '${command.branchId}' does not exist or is not active`,
      property: "branchId",
      value: command.branchId,
    });
  }
  if (command.currencyId && !/^[A-Z]{3}$/.test(command.currencyId)) {
    details.push({
      code: "SIM-CurrencyNotFound",
      message: `Currency '${command.currencyId}' does not exist`,
      property: "currencyId",
      value: command.currencyId,
    });
  }

  for (const section of ["billing", "shipping"] as const) {
    const rawSection = raw[section] as Record<string, unknown> | null | undefined;
    checkComplete(rawSection?.address, ADDRESS_FIELDS, `${section}.address`, details);
    checkComplete(rawSection?.contact, CONTACT_FIELDS, `${section}.contact`, details);
    const address = command[section]?.address;
    if (address && address.countryId === "")
      details.push({ code: "0001-EmptyNotAllowed", message: "Empty value not allowed", property: `${section}.address.countryId`, value: "" });
    else if (address && !address.countryId) details.push(nullNotAllowed(`${section}.address.countryId`));
  }
  details.push(...lengthProblems(raw), ...freightProblems(state, command, customer?.shipViaId || undefined));
  const freightCategory = command.freight?.taxCategoryId;
  if (freightCategory && !(freightCategory in lookups.taxCategories)) {
    details.push({
      code: "1805-InvalidTaxCategoryId",
      message: "Invalid TaxCategoryId, or TaxCategory not found",
      property: "freight.taxCategoryId",
      value: freightCategory,
    });
  }

  (command.orderLines ?? []).forEach((line, index) => {
    const at = `orderLines[${index}]`;
    if (!line.inventoryId) {
      details.push(nullNotAllowed(`${at}.inventoryId`));
      return;
    }
    const item = findInventory(state, line.inventoryId);
    if (!item) {
      details.push({
        code: "1804-InventoryIdNotFound",
        message: `Inventory item '${line.inventoryId}' was not found`,
        property: `${at}.inventoryId`,
        value: line.inventoryId,
      });
    } else if (!SELLABLE.has(item.status)) {
      details.push({
        code: "SIM-InventoryNotSellable",
        message: `Inventory item '${line.inventoryId}' has status ${item.status}`,
        property: `${at}.inventoryId`,
        value: line.inventoryId,
      });
    }
    if (line.quantity === undefined || line.quantity === null) details.push(nullNotAllowed(`${at}.quantity`));
    else if (line.quantity < 0 && item?.type !== "MiscCharge") {
      details.push({
        code: "1809-InvalidQuantityForType",
        message: "Quantity must be zero or positive when inventory item is not of type MiscCharge",
        property: `${at}.quantity`,
        value: line.quantity,
      });
    }
    const extended = Math.abs((line.quantity ?? 0) * (line.unitPrice ?? 0));
    if ((line.discountAmount ?? 0) > extended + 1e-9) {
      details.push({
        code: "1101-DiscountAmountMoreThanExtPrice",
        message: "Discount amount can not be greater than Extended Price",
        property: `${at}.discountAmount`,
        value: line.discountAmount,
      });
    }
    if (line.taxCategoryId && !(line.taxCategoryId in lookups.taxCategories)) {
      details.push({
        code: "1805-InvalidTaxCategoryId",
        message: "Invalid TaxCategoryId, or TaxCategory not found",
        property: `${at}.taxCategoryId`,
        value: line.taxCategoryId,
      });
    }
    if (line.warehouseId && !lookups.warehouses.includes(line.warehouseId)) {
      details.push({
        code: "SIM-WarehouseNotFound",
        message: `Warehouse '${line.warehouseId}' does not exist`,
        property: `${at}.warehouseId`,
        value: line.warehouseId,
      });
    }
  });
  return details;
}
