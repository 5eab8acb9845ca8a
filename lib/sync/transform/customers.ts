import { z } from "zod";
import { AppError } from "../../errors";
import type { CsCartOrder } from "../../integrations/cscart/schemas";
import type { CsCartUserPayload } from "../../integrations/cscart/schemas";
import type { VismaCustomer, VismaCustomerCreate, Wrapped } from "../../integrations/visma/schemas";
import type { LogLine } from "../../logs/log-line";
import { DEFAULT_CUSTOMER_MAPPING, type CustomerMapping } from "./customer-mapping";
import { personNameFrom } from "./shop-order-to-sales-order";
import { countryIdOf, FieldWarnings, fitAddressLines, VISMA_LIMITS } from "./visma-limits";

/**
 * The tenant's debtor defaults for customers created from shop orders (editable in settings).
 * Where they go (CustomerUpdateDto in the api-evangelist/visma customer OpenAPI):
 * - paymentTerms      → customer `creditTermsId`
 * - collectionAccount → customer `glAccounts.customerLedgerAccount` (the accounts receivable account)
 * - administration    → Visma.net has no field of that name. The closest is the branch (the
 *   accounting unit within a company), which a customer does not carry but a V3 sales order does
 *   (`branchId`); that is the default. Tenants that model it differently choose the customer class
 *   (`customerClassId`), a customer attribute, or nothing. Unconfirmed with a real company: the
 *   id must exist there, or Visma.net rejects the customer or order.
 */
export const DebtorDefaultsSchema = z.object({
  paymentTerms: z.string().trim().min(1).default("14"),
  collectionAccount: z.string().trim().min(1).default("1400"),
  administration: z.string().trim().default("2"),
  administrationTarget: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("branch") }),
      z.object({ kind: z.literal("customerClass") }),
      z.object({ kind: z.literal("attribute"), attributeId: z.string().trim().min(1) }),
      z.object({ kind: z.literal("none") }),
    ])
    .default({ kind: "branch" }),
});
export type DebtorDefaults = z.input<typeof DebtorDefaultsSchema>;

export const DEFAULT_DEBTOR_DEFAULTS = DebtorDefaultsSchema.parse({});

function wrap<T>(value: T): Wrapped<T> {
  return { value };
}

function administrationFields(defaults: z.output<typeof DebtorDefaultsSchema>): Partial<VismaCustomerCreate> {
  const target = defaults.administrationTarget;
  if (defaults.administration === "") return {};
  if (target.kind === "customerClass") return { customerClassId: wrap(defaults.administration) };
  if (target.kind === "attribute") return { attributeLines: [{ attributeId: { value: target.attributeId }, attributeValue: wrap(defaults.administration) }] };
  return {}; // branch goes on the sales order (branchIdFor); none goes nowhere
}

/** The V3 sales order `branchId` the debtor defaults ask for, if the administration is a branch. */
export function branchIdFor(debtorDefaults: DebtorDefaults = {}): string | undefined {
  const defaults = DebtorDefaultsSchema.parse(debtorDefaults);
  return defaults.administrationTarget.kind === "branch" && defaults.administration !== "" ? defaults.administration : undefined;
}

/** The customer to post, and what had to be shortened to fit Visma.net. */
export interface MappedNewCustomer {
  customer: VismaCustomerCreate;
  warnings: LogLine[];
}

/**
 * CS-Cart order → `POST /v1/customer` body for a customer not yet in Visma.net. The address takes
 * the SalesOrder V3 limits (three lines of 50, city 50, postcode 20); a country is sent only when the
 * shop has one.
 */
export function mapShopOrderToNewCustomer(order: CsCartOrder, debtorDefaults: DebtorDefaults = {}): MappedNewCustomer {
  const defaults = DebtorDefaultsSchema.parse(debtorDefaults);
  const warnings = new FieldWarnings({ subject: "newCustomer", orderId: order.order_id });
  const person = personNameFrom(order, "b_");
  const name = order.company.trim() || person || order.email;
  if (!name) {
    throw new AppError("ORDER_INVALID", `Order ${order.order_id} has no customer name or e-mail to create a Visma.net customer from.`, {
      params: { variant: "noCustomerName", orderId: order.order_id },
    });
  }
  const [line1, line2, line3] = fitAddressLines([order.b_address, order.b_address_2], warnings, "address");
  const countryId = countryIdOf(order.b_country, { orderId: order.order_id, field: "billing" });
  const customer: VismaCustomerCreate = {
    name: wrap(name),
    status: wrap("Active"),
    mainAddress: wrap({
      addressLine1: wrap(line1),
      addressLine2: wrap(line2),
      addressLine3: wrap(line3),
      postalCode: wrap(warnings.cut(order.b_zipcode, VISMA_LIMITS.postalCode, "postcode")),
      city: wrap(warnings.cut(order.b_city, VISMA_LIMITS.city, "city")),
      ...(countryId ? { countryId: wrap(countryId) } : {}),
    }),
    mainContact: wrap({
      name: wrap(warnings.cut(person || name, VISMA_LIMITS.contactName, "contactName")),
      attention: wrap(warnings.cut(order.company.trim() ? person : "", VISMA_LIMITS.attention, "attention")),
      email: wrap(order.email.trim().toLowerCase()),
      phone1: wrap(warnings.cut(order.b_phone || order.phone, VISMA_LIMITS.phone, "phone")),
    }),
    creditTermsId: wrap(defaults.paymentTerms),
    glAccounts: wrap({ customerLedgerAccount: wrap(defaults.collectionAccount) }),
    ...administrationFields(defaults),
  };
  return { customer, warnings: warnings.lines };
}

const COMPANY_SUFFIX = /\b(AS|ASA|ANS|DA|SA|AB|ApS|A\/S|Oy|Ltd|Limited|LLC|Inc|GmbH|BV|NV|SRL|SARL|Sp\. z o\.o\.)\.?$/i;

/** A company keeps its full name; a person's last word is the last name. */
export function splitCustomerName(name: string, isCompany: boolean): { firstname: string; lastname: string; company: string } {
  const clean = name.trim().replace(/\s+/g, " ");
  if (isCompany || COMPANY_SUFFIX.test(clean)) return { firstname: clean, lastname: "", company: clean };
  const words = clean.split(" ");
  if (words.length < 2) return { firstname: clean, lastname: "", company: "" };
  return { firstname: words.slice(0, -1).join(" "), lastname: words[words.length - 1]!, company: "" };
}

/** Visma dates come without a zone ("2025-03-14T10:22:31.503"); they are read as UTC. */
export function parseVismaDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface ShopUserFromCustomer {
  kind: "user";
  payload: CsCartUserPayload;
  /** Lower-cased; customers are matched on it. */
  email: string;
  /** The e-mail was made from the customer number (the mapping's placeholder rule). */
  placeholderEmail: boolean;
  createdAt?: Date;
  modifiedAt?: Date;
}

/** A customer the mapping says not to import, with the reason. */
export type SkippedCustomer = { kind: "skip"; reason: string; customerNumber: string; name: string };

type VismaAddress = NonNullable<VismaCustomer["mainAddress"]>;

function addressFields<P extends "b_" | "s_">(
  prefix: P,
  address: VismaAddress | null | undefined,
  names: { firstname: string; lastname: string },
  phone: string,
) {
  return {
    [`${prefix}firstname`]: names.firstname,
    [`${prefix}lastname`]: names.lastname,
    [`${prefix}address`]: address?.addressLine1 ?? "",
    [`${prefix}address_2`]: [address?.addressLine2, address?.addressLine3].filter((line) => line && line.trim()).join(", "),
    [`${prefix}city`]: address?.city ?? "",
    [`${prefix}zipcode`]: address?.postalCode ?? "",
    [`${prefix}country`]: address?.country?.id ?? "",
    [`${prefix}phone`]: phone,
  } as Record<`${P}${"firstname" | "lastname" | "address" | "address_2" | "city" | "zipcode" | "country" | "phone"}`, string>;
}

/** Visma.net customer → CS-Cart user (customer type C, active), as the tenant's customer mapping says. */
export function mapVismaCustomerToShopUser(
  customer: VismaCustomer,
  mapping: CustomerMapping = DEFAULT_CUSTOMER_MAPPING,
): ShopUserFromCustomer | SkippedCustomer {
  const found = mapping.emailFrom.map((source) => customer[source]?.email?.trim() ?? "").find(Boolean);
  let email = (found ?? "").toLowerCase();
  if (!email) {
    if (mapping.withoutEmail.mode === "skip") {
      return {
        kind: "skip",
        reason: `Visma.net customer ${customer.number} (${customer.name ?? "no name"}) has no e-mail address; the customer mapping skips such customers.`,
        customerNumber: customer.number,
        name: customer.name ?? "",
      };
    }
    email = mapping.withoutEmail.template.replace("{number}", customer.number.trim().toLowerCase()).toLowerCase();
    if (!z.email().safeParse(email).success) {
      throw new AppError(
        "CUSTOMER_INVALID",
        `Visma.net customer ${customer.number} has no e-mail address, and the placeholder rule gives "${email}", which is no e-mail address.`,
        {
          details: { customerNumber: customer.number },
          params: { variant: "placeholderInvalid", number: customer.number, email },
        },
      );
    }
  }
  const isCompany = mapping.names === "company" || (mapping.names === "auto" && Boolean(customer.corporateId?.trim() || customer.vatRegistrationId?.trim()));
  const names = splitCustomerName(customer.name ?? customer.mainContact?.name ?? "", isCompany);
  const phone = mapping.phoneFrom ? (customer[mapping.phoneFrom]?.phone1 ?? "") : "";
  const createdAt = parseVismaDate(customer.createdDateTime);
  const payload: CsCartUserPayload = {
    email,
    user_type: "C",
    status: "A",
    firstname: names.firstname,
    lastname: names.lastname,
    company: names.company,
    phone,
    ...addressFields("b_", customer[mapping.billingAddress], names, phone),
    ...(mapping.shippingAddress ? addressFields("s_", customer[mapping.shippingAddress], names, phone) : {}),
    ...(createdAt ? { timestamp: Math.floor(createdAt.getTime() / 1000) } : {}),
  };
  const modifiedAt = parseVismaDate(customer.lastModifiedDateTime);
  return { kind: "user", payload, email, placeholderEmail: !found, ...(createdAt ? { createdAt } : {}), ...(modifiedAt ? { modifiedAt } : {}) };
}
