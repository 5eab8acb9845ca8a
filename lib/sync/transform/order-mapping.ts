/**
 * The tenant's order mapping (versioned like the product mapping, edited on the Mappings page):
 * how a CS-Cart order becomes a Visma.net sales order, and what Visma.net's progress does to the
 * shop order afterwards. Which statuses are exported and the status set after export are settings
 * (patchable through the settings API); the page edits them beside this mapping.
 *
 * Stored versions are parsed with defaults, so a field added later needs no data migration.
 */
import { z } from "zod";
import { parseOrThrow } from "../../validation";
import { VISMA_LIMITS } from "./visma-limits";

const SHOP_ID_MESSAGE = "a CS-Cart id is a number, e.g. 1";
const shopId = z.string().trim().regex(/^\d+$/, SHOP_ID_MESSAGE);
/** A record keyed by CS-Cart ids, whose bad keys get words (zod reports them as "invalid_key"). */
function byShopId<V extends z.ZodType>(value: V) {
  return z.record(shopId, value, { error: (issue) => (issue.code === "invalid_key" ? SHOP_ID_MESSAGE : undefined) });
}

const vismaId = (max: number, what: string) => z.string().trim().min(1, `name the ${what}`).max(max, `a Visma.net ${what} has at most ${max} characters`);

/** CS-Cart shipping method id → Visma.net Ship via (docs/api-facts.md, "Freight"). */
export const ShipViaMapSchema = byShopId(vismaId(VISMA_LIMITS.shipViaId, "Ship via id"));

/** CS-Cart payment method id → what the sales order gets: terms and/or a payment method (V3 `customer.termsId`, `paymentSettings`). */
export const PaymentMethodMappingSchema = z
  .object({
    termsId: vismaId(10, "terms id").optional(),
    paymentMethodId: vismaId(10, "payment method id").optional(),
    cashAccountId: vismaId(10, "cash account").optional(),
  })
  .refine((value) => value.termsId || value.paymentMethodId, "give terms, a payment method, or both");

/** Which shop value fills a text field of the sales order. */
export const TEXT_SOURCES = ["none", "order_number", "customer_notes", "staff_notes", "payment_method", "shipping_method"] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];
const TextFieldSchema = z.object({ source: z.enum(TEXT_SOURCES), prefix: z.string().max(60, "at most 60 characters").default("") });
export type TextField = z.output<typeof TextFieldSchema>;

const statusLetter = z
  .string()
  .trim()
  .regex(/^[A-Z]$/, "a CS-Cart order status is one capital letter, e.g. C");
const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "a currency is three letters, e.g. NOK");

export const OrderMappingSchema = z.object({
  /** V3 `type`: the sales order type (SO numbers itself; a manually numbered type is refused). */
  orderType: vismaId(2, "order type").default("SO"),
  shipViaByShippingId: ShipViaMapSchema.default({}),
  paymentMethods: byShopId(PaymentMethodMappingSchema).default({}),
  /** Every line ships from this warehouse; null: each item's default warehouse. */
  warehouseId: vismaId(30, "warehouse").nullable().default(null),
  /** `customerClassId` of customers created from shop orders; null: the company's default class. */
  newCustomerClassId: vismaId(10, "customer class").nullable().default(null),
  /** Sales order texts. `customer.order` is always CSCART-<order id>: exactly-once export looks orders up by it. */
  texts: z
    .object({
      description: TextFieldSchema.default({ source: "order_number", prefix: "Web order CS-Cart #" }),
      refNo: TextFieldSchema.default({ source: "none", prefix: "" }),
      note: TextFieldSchema.default({ source: "customer_notes", prefix: "" }),
    })
    .default({
      description: { source: "order_number", prefix: "Web order CS-Cart #" },
      refNo: { source: "none", prefix: "" },
      note: { source: "customer_notes", prefix: "" },
    }),
  /** Order amounts Visma.net has no field for go on lines of these items (docs/api-facts.md, "Totals"). */
  items: z
    .object({
      /** The payment surcharge: a service (non-stock) item, quantity 1. */
      paymentSurcharge: vismaId(30, "item").nullable().default(null),
      /** Redeemed gift certificates: a misc. charge item (Visma.net allows a negative quantity only for those), quantity -1. */
      giftCertificate: vismaId(30, "item").nullable().default(null),
      /** The cent VAT rounding cannot reach (a misc. charge item without VAT); without it such an order fails. */
      rounding: vismaId(30, "item").nullable().default(null),
    })
    .default({ paymentSurcharge: null, giftCertificate: null, rounding: null }),
  /**
   * VAT rate (percent, as the shop has it: "25", "0") → Visma.net tax category, sent on the lines and
   * the freight of that rate. Needed for 0 %: Visma.net would otherwise add the item's own VAT.
   */
  taxCategoryByRate: z
    .record(
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/, "a VAT rate is a number, e.g. 25 or 0"),
      vismaId(10, "tax category"),
      {
        error: (issue) => (issue.code === "invalid_key" ? "a VAT rate is a number, e.g. 25 or 0" : undefined),
      },
    )
    .default({}),
  /** The shop's currency, and the company's base currency: the order carries `currencyId` only when they differ. */
  currency: z
    .object({
      shopCurrency: currencyCode.nullable().default(null),
      companyBaseCurrency: currencyCode.nullable().default(null),
      /** Shop currency code → Visma.net currency id, where they differ. */
      vismaCurrencyByShopCurrency: z.record(currencyCode, vismaId(5, "currency id")).default({}),
    })
    .default({ shopCurrency: null, companyBaseCurrency: null, vismaCurrencyByShopCurrency: {} }),
  /** Order progress (Visma.net → shop): what a shipped or completed sales order does to the shop order. */
  progress: z
    .object({
      /** Visma.net sales order status → CS-Cart order status, e.g. { Completed: "C" }. */
      shopStatusByVismaStatus: z.record(z.string().trim().min(1, "name the Visma.net status"), statusLetter).default({ Completed: "C" }),
      /** Create a CS-Cart shipment (carrier, tracking number) for each confirmed Visma.net shipment. */
      createShopShipments: z.boolean().default(true),
      /** Shop carrier code per Visma.net Ship via, e.g. { POSTEN: "posten" }; unmapped: the Ship via's description. */
      carrierByShipVia: z.record(z.string().trim().min(1), z.string().trim().min(1).max(255)).default({}),
    })
    .default({ shopStatusByVismaStatus: { Completed: "C" }, createShopShipments: true, carrierByShipVia: {} }),
});
export type OrderMapping = z.output<typeof OrderMappingSchema>;
export type OrderMappingInput = z.input<typeof OrderMappingSchema>;

export const DEFAULT_ORDER_MAPPING: OrderMapping = OrderMappingSchema.parse({});

/** Validates a stored or submitted order mapping; errors name the field (MAPPING_INVALID). */
export function parseOrderMapping(input: unknown): OrderMapping {
  return parseOrThrow(OrderMappingSchema, input ?? {}, "order mapping", "MAPPING_INVALID");
}
