/**
 * The tenant's editable mappings, one per kind, each stored as versions under its module id (the
 * highest version is in force; none saved: the defaults). The product mapping feeds product
 * import, the order mapping order export and order progress, the customer mapping customer import.
 */
import type { z } from "zod";
import { CustomerMappingSchema, DEFAULT_CUSTOMER_MAPPING, parseCustomerMapping } from "../sync/transform/customer-mapping";
import { DEFAULT_ORDER_MAPPING, OrderMappingSchema, parseOrderMapping } from "../sync/transform/order-mapping";
import { DEFAULT_PRODUCT_MAPPING, parseProductMapping, ProductMappingSchema } from "../sync/transform/products";

type MappingKindDefinition<S extends z.ZodType> = {
  /** The module whose id the versions are stored under (Mapping.module). */
  module: string;
  /** In words, for audit targets and error messages. */
  noun: string;
  schema: S;
  defaults: z.output<S>;
  parse(input: unknown): z.output<S>;
  /** Top-level keys whose own keys are audited one by one ("fields.price changed"). */
  auditNested: readonly string[];
};

function kind<S extends z.ZodType>(definition: MappingKindDefinition<S>): MappingKindDefinition<S> {
  return definition;
}

export const MAPPING_KINDS = {
  product: kind({
    module: "PRODUCT_IMPORT",
    noun: "product mapping",
    schema: ProductMappingSchema,
    defaults: DEFAULT_PRODUCT_MAPPING,
    parse: parseProductMapping,
    auditNested: ["fields"],
  }),
  order: kind({
    module: "ORDER_EXPORT",
    noun: "order mapping",
    schema: OrderMappingSchema,
    defaults: DEFAULT_ORDER_MAPPING,
    parse: parseOrderMapping,
    auditNested: ["texts", "items", "currency", "progress"],
  }),
  customer: kind({
    module: "CUSTOMER_IMPORT",
    noun: "customer mapping",
    schema: CustomerMappingSchema,
    defaults: DEFAULT_CUSTOMER_MAPPING,
    parse: parseCustomerMapping,
    auditNested: [],
  }),
};

export type MappingKind = keyof typeof MAPPING_KINDS;
export type MappingConfig<K extends MappingKind> = z.output<(typeof MAPPING_KINDS)[K]["schema"]>;
