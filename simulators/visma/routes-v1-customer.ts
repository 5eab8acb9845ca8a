/**
 * /v1/customer: list (paging, lastModified/created conditions, name, status, corporateId,
 * vatRegistrationId, email, phone), detail with ETag, POST (201 + Location), PUT (204, If-Match).
 */
import { z } from "zod";
import { header, json, noContent, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import type { Router } from "../shared/router";
import { ippException } from "./errors";
import { clock, emptyAddress, emptyContact, touch, type VismaAddress, type VismaContact, type VismaCustomer, type VismaState } from "./state";
import { plainOrWrapped, readV1Body, wrapped, wrappedString } from "./v1-body";
import { collectFilters, dateConditionFilter, etagFor, formatVismaDate, ifMatchOk, pageV1, queryValue, rowVersionToken, withMetadata } from "./v1-query";

const COUNTRY_NAMES: Record<string, string> = { NO: "Norway", SE: "Sweden", DK: "Denmark", DE: "Germany", FI: "Finland", GB: "United Kingdom" };

const addressUpdateSchema = z
  .object({
    addressLine1: wrappedString,
    addressLine2: wrappedString,
    addressLine3: wrappedString,
    postalCode: wrappedString,
    city: wrappedString,
    countryId: wrapped(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country id")),
    county: wrappedString,
  })
  .partial();

const contactUpdateSchema = z
  .object({
    name: wrappedString,
    attention: wrappedString,
    email: wrappedString,
    web: wrappedString,
    phone1: wrappedString,
    phone2: wrappedString,
    fax: wrappedString,
  })
  .partial();

/** CustomerUpdateDto from the public api.finance.visma.net OpenAPI (the fields a connector needs). */
export const customerUpdateSchema = z
  .object({
    number: wrappedString,
    name: wrappedString,
    status: wrapped(z.enum(["Active", "OnHold", "CreditHold", "Inactive", "OneTime"])),
    currencyId: wrappedString,
    customerClassId: wrappedString,
    creditTermsId: wrappedString,
    vatRegistrationId: wrappedString,
    corporateId: wrappedString,
    vatZoneId: wrappedString,
    priceClassId: wrappedString,
    note: wrappedString,
    overrideWithClassValues: plainOrWrapped(z.boolean()),
    mainAddress: wrapped(addressUpdateSchema),
    mainContact: wrapped(contactUpdateSchema),
    invoiceAddress: wrapped(addressUpdateSchema),
    invoiceContact: wrapped(contactUpdateSchema),
    deliveryAddress: wrapped(addressUpdateSchema),
    deliveryContact: wrapped(contactUpdateSchema),
    glAccounts: wrapped(z.object({ customerLedgerAccount: wrappedString }).partial()),
  })
  .partial();
type CustomerUpdate = z.infer<typeof customerUpdateSchema>;

function renderAddress(address: VismaAddress): Record<string, unknown> {
  return {
    addressId: address.addressId,
    addressLine1: address.addressLine1,
    addressLine2: address.addressLine2,
    addressLine3: address.addressLine3,
    postalCode: address.postalCode,
    city: address.city,
    country: address.countryId ? { id: address.countryId, name: COUNTRY_NAMES[address.countryId] ?? address.countryId } : null,
    county: address.county ? { id: address.county, name: address.county } : null,
  };
}

function renderCustomer(state: VismaState, customer: VismaCustomer): Record<string, unknown> {
  const lookups = state.lookups;
  return {
    internalId: customer.internalId,
    number: customer.number,
    name: customer.name,
    status: customer.status,
    mainAddress: renderAddress(customer.mainAddress),
    mainContact: { ...customer.mainContact },
    accountReference: "",
    customerClass: { id: customer.customerClassId, description: lookups.customerClasses[customer.customerClassId] ?? "" },
    creditTerms: customer.creditTermsId ? { id: customer.creditTermsId, description: lookups.creditTerms[customer.creditTermsId]?.description ?? "" } : null,
    currencyId: customer.currencyId,
    creditVerification: "Disabled",
    creditLimit: 0,
    creditDaysPastDue: 0,
    invoiceAddress: renderAddress(customer.invoiceAddress),
    invoiceContact: { ...customer.invoiceContact },
    deliveryAddress: renderAddress(customer.deliveryAddress),
    deliveryContact: { ...customer.deliveryContact },
    vatRegistrationId: customer.vatRegistrationId,
    corporateId: customer.corporateId,
    vatZone: { id: customer.vatZoneId, description: lookups.vatZones[customer.vatZoneId] ?? "" },
    priceClass: customer.priceClassId ? { id: customer.priceClassId, description: "" } : null,
    glAccounts: { customerLedgerAccount: { type: "Asset", number: customer.customerLedgerAccount, description: "Kundefordringer" } },
    attributes: [],
    lastModifiedDateTime: formatVismaDate(customer.modifiedAt),
    createdDateTime: formatVismaDate(customer.createdAt),
    timeStamp: rowVersionToken(customer.rowVersion),
  };
}

function listCustomers(state: VismaState, request: SimRequest, maxPageSize: number): SimResponse {
  const query = request.query;
  const built = collectFilters<VismaCustomer>([
    dateConditionFilter(query, "lastModifiedDateTime", (customer) => customer.modifiedAt),
    dateConditionFilter(query, "createdDateTime", (customer) => customer.createdAt),
  ]);
  if ("error" in built) return built.error;
  const filters = built.filters;
  const name = queryValue(query, "name")?.toLowerCase();
  if (name) filters.push((customer) => customer.name.toLowerCase().includes(name));
  const equalsIgnoreCase = (param: string, read: (customer: VismaCustomer) => string) => {
    const wanted = queryValue(query, param)?.toLowerCase();
    if (wanted) filters.push((customer) => read(customer).toLowerCase() === wanted);
  };
  equalsIgnoreCase("status", (customer) => customer.status);
  equalsIgnoreCase("corporateId", (customer) => customer.corporateId);
  equalsIgnoreCase("vatRegistrationId", (customer) => customer.vatRegistrationId);
  // "Equals Email for customer": compared case-insensitively, as SQL Server's default collation does.
  equalsIgnoreCase("email", (customer) => customer.mainContact.email);
  equalsIgnoreCase("phone", (customer) => customer.mainContact.phone1);
  const matching = [...state.customers.values()].filter((customer) => filters.every((filter) => filter(customer)));
  const paged = pageV1(matching, query, maxPageSize);
  if ("error" in paged) return paged.error;
  return json(
    200,
    paged.page.map((customer) => withMetadata(renderCustomer(state, customer), matching.length, maxPageSize)),
  );
}

/** Checks lookups the way Visma.net does: ids must exist in the company (terms for customers, an active account). */
function lookupError(state: VismaState, body: CustomerUpdate): string | undefined {
  const lookups = state.lookups;
  const customerTerms = Object.fromEntries(Object.entries(lookups.creditTerms).filter(([, terms]) => terms.visibleTo === "AL" || terms.visibleTo === "CU"));
  const activeAccounts = Object.fromEntries(Object.entries(lookups.accounts).filter(([, account]) => account.active));
  const checks: [string | null | undefined, Record<string, unknown>, string][] = [
    [body.customerClassId?.value, lookups.customerClasses, "CustomerClass"],
    [body.creditTermsId?.value, customerTerms, "CreditTerms"],
    [body.vatZoneId?.value, lookups.vatZones, "VatZone"],
    [body.glAccounts?.value.customerLedgerAccount?.value, activeAccounts, "Account"],
  ];
  for (const [value, known, what] of checks) {
    if (value === undefined || value === null || value === "") continue;
    if (!(value in known)) return `${what} '${value}' not found.`;
  }
  return undefined;
}

/**
 * The address and contact limits of Visma.net's address model (the SalesOrder V3 OpenAPI states
 * them: lines and city 50, postcode 20; contact name/attention/e-mail 255, phone 50). The v1 error
 * text is not documented; this one is the simulator's.
 */
const ADDRESS_LIMITS = { addressLine1: 50, addressLine2: 50, addressLine3: 50, city: 50, postalCode: 20 } as const;
const CONTACT_LIMITS = { name: 255, attention: 255, email: 255, phone1: 50 } as const;

function lengthError(body: CustomerUpdate): string | undefined {
  const sections: [string, Record<string, { value: string | null } | undefined> | undefined, Record<string, number>][] = [];
  for (const key of ["mainAddress", "invoiceAddress", "deliveryAddress"] as const) sections.push([key, body[key]?.value, ADDRESS_LIMITS]);
  for (const key of ["mainContact", "invoiceContact", "deliveryContact"] as const) sections.push([key, body[key]?.value, CONTACT_LIMITS]);
  for (const [section, fields, limits] of sections) {
    for (const [field, max] of Object.entries(limits)) {
      const value = fields?.[field]?.value ?? "";
      if (value.length > max) return `Error: '${section}.${field}' is too long (${value.length} characters, at most ${max}).`;
    }
  }
  return undefined;
}

function applyAddress(target: VismaAddress, update: z.infer<typeof addressUpdateSchema> | undefined): void {
  if (!update) return;
  for (const key of ["addressLine1", "addressLine2", "addressLine3", "postalCode", "city", "countryId", "county"] as const) {
    const field = update[key];
    if (field) target[key] = field.value ?? "";
  }
}

function applyContact(target: VismaContact, update: z.infer<typeof contactUpdateSchema> | undefined): void {
  if (!update) return;
  for (const key of ["name", "attention", "email", "web", "phone1", "phone2", "fax"] as const) {
    const field = update[key];
    if (field) target[key] = field.value ?? "";
  }
}

function applyCustomerUpdate(customer: VismaCustomer, body: CustomerUpdate): void {
  const text = (field: { value: string | null } | undefined, current: string) => (field ? (field.value ?? "") : current);
  customer.name = text(body.name, customer.name);
  if (body.status) customer.status = body.status.value;
  customer.currencyId = text(body.currencyId, customer.currencyId);
  customer.customerClassId = text(body.customerClassId, customer.customerClassId);
  customer.creditTermsId = text(body.creditTermsId, customer.creditTermsId);
  customer.vatRegistrationId = text(body.vatRegistrationId, customer.vatRegistrationId);
  customer.corporateId = text(body.corporateId, customer.corporateId);
  customer.vatZoneId = text(body.vatZoneId, customer.vatZoneId);
  customer.priceClassId = text(body.priceClassId, customer.priceClassId);
  customer.note = text(body.note, customer.note);
  customer.customerLedgerAccount = text(body.glAccounts?.value.customerLedgerAccount, customer.customerLedgerAccount);
  applyAddress(customer.mainAddress, body.mainAddress?.value);
  applyContact(customer.mainContact, body.mainContact?.value);
  applyAddress(customer.invoiceAddress, body.invoiceAddress?.value);
  applyContact(customer.invoiceContact, body.invoiceContact?.value);
  applyAddress(customer.deliveryAddress, body.deliveryAddress?.value);
  applyContact(customer.deliveryContact, body.deliveryContact?.value);
}

function nextCustomerNumber(state: VismaState): string {
  let highest = 9_999;
  for (const number of state.customers.keys()) if (/^\d+$/.test(number)) highest = Math.max(highest, Number(number));
  return String(highest + 1);
}

export function createCustomer(state: VismaState, body: CustomerUpdate): { customer: VismaCustomer } | { error: SimResponse } {
  if (!body.name?.value) return { error: ippException(400, "Error: 'Customer name' cannot be empty.") };
  const problem = lengthError(body) ?? lookupError(state, body);
  if (problem) return { error: ippException(400, problem) };
  const number = body.number?.value || nextCustomerNumber(state);
  if (state.customers.has(number)) return { error: ippException(400, `Error: Another customer with the number '${number}' already exists.`) };
  const now = clock(state);
  const customer: VismaCustomer = {
    internalId: ++state.counters.internalId,
    number,
    name: "",
    status: "Active",
    mainAddress: emptyAddress(state),
    mainContact: emptyContact(state),
    invoiceAddress: emptyAddress(state),
    invoiceContact: emptyContact(state),
    deliveryAddress: emptyAddress(state),
    deliveryContact: emptyContact(state),
    customerClassId: "DEFAULT",
    creditTermsId: "",
    currencyId: "NOK",
    vatRegistrationId: "",
    corporateId: "",
    vatZoneId: "01",
    priceClassId: "",
    customerLedgerAccount: "1500",
    shipViaId: "",
    note: "",
    createdAt: now,
    modifiedAt: now,
    rowVersion: ++state.counters.rowVersion,
  };
  applyCustomerUpdate(customer, body);
  state.customers.set(number, customer);
  return { customer };
}

export function registerCustomerRoutes(router: Router<Handler>, state: () => VismaState, maxPageSize: number): void {
  router
    .get("/v1/customer", (request) => listCustomers(state(), request, maxPageSize))
    .get("/v1/customer/:number", (request) => {
      const customer = state().customers.get(request.params.number as string);
      if (!customer) return ippException(404, `Customer '${request.params.number}' not found.`);
      return json(200, renderCustomer(state(), customer), { ETag: etagFor(customer.rowVersion) });
    })
    .post("/v1/customer", (request) => {
      const body = readV1Body(request, customerUpdateSchema, "CustomerUpdateDto");
      if (!body.ok) return body.response;
      const created = createCustomer(state(), body.value);
      if ("error" in created) return created.error;
      return {
        status: 201,
        headers: { Location: `${request.baseUrl}/v1/customer/${encodeURIComponent(created.customer.number)}`, ETag: etagFor(created.customer.rowVersion) },
      };
    })
    .put("/v1/customer/:number", (request) => {
      const customer = state().customers.get(request.params.number as string);
      if (!customer) return ippException(404, `Customer '${request.params.number}' not found.`);
      if (!ifMatchOk(header(request, "if-match"), customer.rowVersion)) {
        return ippException(412, "Customer version does not match with If-Match header.", "412");
      }
      const body = readV1Body(request, customerUpdateSchema, "CustomerUpdateDto");
      if (!body.ok) return body.response;
      const problem = lengthError(body.value) ?? lookupError(state(), body.value);
      if (problem) return ippException(400, problem);
      applyCustomerUpdate(customer, body.value);
      touch(state(), customer);
      return noContent({ ETag: etagFor(customer.rowVersion) });
    });
}
