import { z } from "zod";
import { idString, intLike, moneyText, phpList, phpRecord, text } from "../schema-helpers";

/**
 * CS-Cart REST API 2.0 payloads (docs/api-facts.md, "CS-Cart"). Unknown extra fields are allowed
 * everywhere; numbers arrive as strings.
 */

export const CsCartListParamsSchema = z.looseObject({
  page: intLike.optional(),
  items_per_page: intLike.optional(),
  total_items: intLike.optional(),
});

// ---- orders ----

export const CsCartOrderSummarySchema = z.looseObject({
  order_id: idString,
  status: z.string(),
  timestamp: intLike.optional(),
  updated_at: intLike.optional(),
  user_id: idString.optional(),
  email: text,
  firstname: text,
  lastname: text,
  total: moneyText.optional(),
});
export type CsCartOrderSummary = z.output<typeof CsCartOrderSummarySchema>;

export const CsCartOrderListSchema = z.looseObject({
  orders: phpList(CsCartOrderSummarySchema),
  params: CsCartListParamsSchema.optional(),
});

export const CsCartTaxSchema = z.looseObject({
  rate_type: text,
  rate_value: moneyText,
  price_includes_tax: text,
  description: text,
  tax_subtotal: moneyText.optional(),
  /** Tax amount per taxed thing: `P_<item_id>` for a line, `S_<group>_<shipping_id>` for shipping. */
  applies: phpRecord(moneyText).optional(),
});
export type CsCartTax = z.output<typeof CsCartTaxSchema>;

export const CsCartOrderLineSchema = z.looseObject({
  item_id: idString.optional(),
  product_id: idString,
  product_code: text,
  product: text,
  /** Unit price after line discount (promotions). */
  price: moneyText,
  /** Quantity. */
  amount: moneyText,
  base_price: moneyText.optional(),
  original_price: moneyText.optional(),
  /** Discount per unit. */
  discount: moneyText.optional(),
  subtotal: moneyText.optional(),
  tax_value: moneyText.optional(),
  /** Units already on shipments. */
  shipped_amount: intLike.optional(),
});
export type CsCartOrderLine = z.output<typeof CsCartOrderLineSchema>;

const addressFields = {
  firstname: text,
  lastname: text,
  address: text,
  address_2: text,
  city: text,
  country: text,
  state: text,
  zipcode: text,
  phone: text,
};

function prefixed<P extends string>(prefix: P) {
  return Object.fromEntries(Object.entries(addressFields).map(([key, schema]) => [`${prefix}${key}`, schema])) as {
    [K in keyof typeof addressFields as `${P}${K}`]: (typeof addressFields)[K];
  };
}

export const CsCartOrderSchema = z.looseObject({
  order_id: idString,
  status: z.string(),
  timestamp: intLike,
  user_id: idString.default("0"),
  email: text,
  firstname: text,
  lastname: text,
  company: text,
  phone: text,
  ...prefixed("b_"),
  ...prefixed("s_"),
  subtotal: moneyText.default("0"),
  discount: moneyText.default("0"),
  subtotal_discount: moneyText.default("0"),
  shipping_cost: moneyText.default("0"),
  /** The payment method's surcharge, in the shop's terms (its VAT in taxes[*].applies.PS_<payment_id>). */
  payment_surcharge: moneyText.default("0"),
  /** Gift certificates redeemed (gift_certificates add-on): `cost` is what each took off this order's total. */
  use_gift_certificates: phpRecord(z.looseObject({ gift_cert_id: idString.optional(), amount: moneyText.optional(), cost: moneyText.optional() })).nullish(),
  total: moneyText.default("0"),
  tax_subtotal: moneyText.default("0"),
  tax_exempt: text,
  /** Customer notes. */
  notes: text,
  /** Staff notes. */
  details: text,
  payment_id: idString.default("0"),
  payment_method: z.looseObject({ payment_id: idString.optional(), payment: text }).nullish(),
  /** Comma-separated shipping method ids of the order's product groups (orders row). */
  shipping_ids: text,
  /** The chosen shipping per product group: `shipping_id` and its name (fn_get_order_info). */
  shipping: phpList(z.looseObject({ shipping_id: idString.optional(), shipping: text })).default([]),
  taxes: phpRecord(CsCartTaxSchema).default({}),
  products: phpRecord(CsCartOrderLineSchema),
});
export type CsCartOrder = z.output<typeof CsCartOrderSchema>;

export const CsCartOrderStatusUpdateSchema = z.looseObject({ order_id: idString.optional() });

// ---- shipments (4.13 Shipments entity, fn_get_shipments_info) ----

export const CsCartShipmentSchema = z.looseObject({
  shipment_id: idString,
  order_id: idString.optional(),
  shipping_id: idString.optional(),
  tracking_number: text,
  carrier: text,
  comments: text,
  /** item_id → amount. */
  products: phpRecord(intLike).default({}),
});
export type CsCartShipment = z.output<typeof CsCartShipmentSchema>;

export const CsCartShipmentListSchema = z.looseObject({
  shipments: phpList(CsCartShipmentSchema),
  params: CsCartListParamsSchema.optional(),
});

/** POST /shipments: order_id and shipping_id are required, and a tracking number or a carrier. */
export type CsCartShipmentPayload = {
  order_id: number;
  shipping_id: number;
  tracking_number: string;
  carrier: string;
  comments: string;
  /** item_id → amount; CS-Cart caps each at what is not shipped yet. */
  products: Record<string, number>;
};

export const CsCartShipmentIdSchema = z.looseObject({ shipment_id: idString });

// ---- products ----

const idList = z.union([z.array(idString), z.string(), phpRecord(idString)]).transform((value) => {
  if (Array.isArray(value)) return value;
  if (typeof value === "string")
    return value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
  return Object.values(value);
});

export const CsCartProductSchema = z.looseObject({
  product_id: idString,
  product: text,
  product_code: text,
  price: moneyText.optional(),
  list_price: moneyText.optional(),
  amount: intLike.optional(),
  status: text,
  category_ids: idList.optional(),
  main_category: idString.optional(),
  tax_ids: idList.optional(),
  timestamp: intLike.optional(),
  updated_timestamp: intLike.optional(),
  main_pair: z.unknown().optional(),
});
export type CsCartProduct = z.output<typeof CsCartProductSchema>;

export const CsCartProductListSchema = z.looseObject({
  products: phpList(CsCartProductSchema),
  params: CsCartListParamsSchema.optional(),
});

/** What APIcenter writes to `POST /products` and `PUT /products/{id}`. */
export const CsCartProductPayloadSchema = z.object({
  product_code: z.string().min(1),
  product: z.string().min(1),
  price: z.string(),
  list_price: z.string().optional(),
  amount: z.number().int().optional(),
  /** B = track the amount, D = do not track; CS-Cart 4.13 has no O any more (docs/api-facts.md). */
  tracking: z.enum(["B", "D"]).optional(),
  status: z.enum(["A", "D", "H"]),
  category_ids: z.array(z.number().int()),
  main_category: z.number().int().optional(),
  tax_ids: z.array(z.number().int()),
  company_id: z.number().int().optional(),
  main_pair: z.object({ detailed: z.object({ image_path: z.string(), alt: z.string().optional() }) }).optional(),
  /** Replaces ALL the product's additional images (4.13 Products::prepareImages deletes them first). */
  image_pairs: z.array(z.object({ detailed: z.object({ image_path: z.string(), alt: z.string().optional() }), position: z.number().int() })).optional(),
});
export type CsCartProductPayload = z.output<typeof CsCartProductPayloadSchema>;

export const CsCartProductIdSchema = z.looseObject({ product_id: idString });

// ---- users ----

export const CsCartUserSchema = z.looseObject({
  user_id: idString,
  email: text,
  firstname: text,
  lastname: text,
  company: text,
  user_type: text,
  status: text,
  timestamp: intLike.optional(),
  phone: text,
});
export type CsCartUser = z.output<typeof CsCartUserSchema>;

export const CsCartUserListSchema = z.looseObject({
  users: phpList(CsCartUserSchema),
  params: CsCartListParamsSchema.optional(),
});

/** What APIcenter writes to `POST /users` and `PUT /users/{id}` (customers only). */
export const CsCartUserPayloadSchema = z.object({
  email: z.string().email(),
  user_type: z.literal("C"),
  status: z.enum(["A", "D"]),
  company_id: z.number().int().optional(),
  firstname: z.string(),
  lastname: z.string(),
  company: z.string(),
  phone: z.string(),
  b_firstname: z.string(),
  b_lastname: z.string(),
  b_address: z.string(),
  b_address_2: z.string(),
  b_city: z.string(),
  b_zipcode: z.string(),
  b_country: z.string(),
  b_phone: z.string(),
  /** Only when the customer mapping names a shipping address. */
  s_firstname: z.string().optional(),
  s_lastname: z.string().optional(),
  s_address: z.string().optional(),
  s_address_2: z.string().optional(),
  s_city: z.string().optional(),
  s_zipcode: z.string().optional(),
  s_country: z.string().optional(),
  s_phone: z.string().optional(),
  /** UNIX seconds. */
  timestamp: z.number().int().optional(),
});
export type CsCartUserPayload = z.output<typeof CsCartUserPayloadSchema>;

export const CsCartUserIdSchema = z.looseObject({ user_id: idString });

// ---- categories ----

export const CsCartCategorySchema = z.looseObject({
  category_id: idString,
  parent_id: idString.optional(),
  id_path: text,
  category: text,
  status: text,
  position: intLike.optional(),
});
export type CsCartCategory = z.output<typeof CsCartCategorySchema>;

export const CsCartCategoryListSchema = z.looseObject({
  categories: phpList(CsCartCategorySchema),
  params: CsCartListParamsSchema.optional(),
});

// ---- lists for the pick-lists (docs/api-facts.md, "CS-Cart lists for the pick-lists") ----

/**
 * A small list as these entities answer it: a plain list (as documented), an object keyed by id
 * (what PHP makes of the hash arrays fn_get_taxes and fn_get_shippings return), or either wrapped
 * under the entity's name.
 */
function entityList<S extends z.ZodType>(name: string, item: S) {
  return z.preprocess(
    (value) => (value !== null && typeof value === "object" && !Array.isArray(value) && name in value ? (value as Record<string, unknown>)[name] : value),
    phpList(item),
  );
}

/** `GET /taxes` (docs/api-facts.md, "CS-Cart lists for the pick-lists"). */
export const CsCartTaxDefinitionSchema = z.looseObject({
  tax_id: idString,
  tax: text,
  status: text,
  price_includes_tax: text,
});
export type CsCartTaxDefinition = z.output<typeof CsCartTaxDefinitionSchema>;
export const CsCartTaxDefinitionListSchema = entityList("taxes", CsCartTaxDefinitionSchema);

/** `GET /statuses`: order statuses (type O), each a letter with its title. */
export const CsCartStatusSchema = z.looseObject({
  status: z.string(),
  type: text,
  description: text,
});
export type CsCartStatus = z.output<typeof CsCartStatusSchema>;
export const CsCartStatusListSchema = entityList("statuses", CsCartStatusSchema);

/** `GET /shippings`: the shop's shipping methods (the ids orders carry in shipping_ids). */
export const CsCartShippingSchema = z.looseObject({
  shipping_id: idString,
  shipping: text,
  status: text,
});
export type CsCartShipping = z.output<typeof CsCartShippingSchema>;
export const CsCartShippingListSchema = entityList("shippings", CsCartShippingSchema);
