/**
 * The tenant's customer import mapping (versioned, edited on the Mappings page): which Visma.net
 * customer fields fill which CS-Cart user fields, which addresses become the billing and shipping
 * address, and what happens to customers without an e-mail address (CS-Cart matches and logs in
 * customers by e-mail, so one is needed). Stored versions are parsed with defaults.
 */
import { z } from "zod";
import { parseOrThrow } from "../../validation";

/** The customer's contacts and addresses, as VismaCustomerSchema has them. */
export const CONTACT_SOURCES = ["mainContact", "invoiceContact", "deliveryContact"] as const;
export const ADDRESS_SOURCES = ["mainAddress", "invoiceAddress", "deliveryAddress"] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
export type AddressSource = (typeof ADDRESS_SOURCES)[number];

/**
 * A customer without an e-mail: skipped with a reason (the default), or given an address made from
 * its number, e.g. "{number}@kunder.example.no" (the tenant's own domain, so no real mailbox is hit).
 */
export const WithoutEmailSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("skip") }),
  z.object({
    mode: z.literal("placeholder"),
    template: z
      .string()
      .trim()
      .refine((template) => template.includes("{number}"), { message: "the address must contain {number}", params: { issue: "placeholderNumber" } })
      .refine((template) => z.email().safeParse(template.replace("{number}", "10000")).success, {
        message: "must become an e-mail address, e.g. {number}@customers.example.com",
        params: { issue: "email" },
      }),
  }),
]);

export const CustomerMappingSchema = z.object({
  /** Where the e-mail comes from, first that has one wins. */
  emailFrom: z.array(z.enum(CONTACT_SOURCES)).min(1, "choose at least one contact for the e-mail").default(["mainContact", "invoiceContact"]),
  /** Where the phone number comes from; null: none. */
  phoneFrom: z.enum(CONTACT_SOURCES).nullable().default("mainContact"),
  billingAddress: z.enum(ADDRESS_SOURCES).default("mainAddress"),
  /** null: the shop's shipping address is left as the shop has it. */
  shippingAddress: z.enum(ADDRESS_SOURCES).nullable().default(null),
  /** How the customer's name fills first name, last name and company: auto (a company when it has an organisation or VAT number). */
  names: z.enum(["auto", "person", "company"]).default("auto"),
  withoutEmail: WithoutEmailSchema.default({ mode: "skip" }),
});
export type CustomerMapping = z.output<typeof CustomerMappingSchema>;
export type CustomerMappingInput = z.input<typeof CustomerMappingSchema>;

export const DEFAULT_CUSTOMER_MAPPING: CustomerMapping = CustomerMappingSchema.parse({});

export function parseCustomerMapping(input: unknown): CustomerMapping {
  return parseOrThrow(CustomerMappingSchema, input ?? {}, "customer mapping", "MAPPING_INVALID");
}
