/** zod schemas for request bodies the CS-Cart simulator accepts, written from the API facts. */
import { z } from "zod";

/** CS-Cart accepts numbers or numeric strings for numeric fields. */
export const numeric = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, "must be a number"),
  ])
  .transform((value) => Number(value));

const idList = z
  .union([z.array(numeric), z.string().regex(/^\d+(,\d+)*$/, "must be a comma-separated id list")])
  .transform((value) => (Array.isArray(value) ? value : value.split(",").map(Number)));

const imageSchema = z.object({ image_path: z.string().min(1), alt: z.string().optional() });

export const imagePairSchema = z
  .object({ detailed: imageSchema.optional(), icon: imageSchema.optional(), position: numeric.optional() })
  .refine((pair) => pair.detailed !== undefined || pair.icon !== undefined, "needs detailed or icon");

const productFields = {
  product: z.string().min(1),
  product_code: z.string().max(64).optional(),
  price: numeric,
  list_price: numeric.optional(),
  amount: numeric.optional(),
  /**
   * 4.13's ProductTracking has only B (track) and D (do not track); "O" (track with options) is gone.
   * The real shop stores any letter unchecked (and then tracks it like B); refused here so a client
   * still sending O shows up in tests.
   */
  tracking: z.enum(["B", "D"], "must be B (track) or D (do not track); O is gone since CS-Cart 4.13").optional(),
  status: z.enum(["A", "D", "H"]).optional(),
  company_id: numeric.optional(),
  category_ids: idList,
  main_category: numeric.optional(),
  tax_ids: idList.optional(),
  full_description: z.string().optional(),
  weight: numeric.optional(),
  main_pair: imagePairSchema.optional(),
  image_pairs: z.union([z.array(imagePairSchema), z.record(z.string(), imagePairSchema)]).optional(),
};

/** The code rejects a create without category_ids or price; the name is needed for anything useful. */
export const productCreateSchema = z.object(productFields);
export const productUpdateSchema = z.object(productFields).partial();

export const orderUpdateSchema = z
  .object({
    status: z
      .string()
      .regex(/^[A-Z]$/, "must be one status letter")
      .optional(),
  })
  .catchall(z.unknown());

const userFields = {
  email: z.email(),
  user_type: z.enum(["C", "A", "P"]),
  company_id: numeric,
  status: z.enum(["A", "D"]),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  company: z.string().optional(),
  phone: z.string().optional(),
  user_login: z.string().optional(),
  b_firstname: z.string().optional(),
  b_lastname: z.string().optional(),
  b_address: z.string().optional(),
  b_address_2: z.string().optional(),
  b_city: z.string().optional(),
  b_zipcode: z.string().optional(),
  b_country: z.string().optional(),
  b_phone: z.string().optional(),
  s_firstname: z.string().optional(),
  s_lastname: z.string().optional(),
  s_address: z.string().optional(),
  s_address_2: z.string().optional(),
  s_city: z.string().optional(),
  s_zipcode: z.string().optional(),
  s_country: z.string().optional(),
  s_phone: z.string().optional(),
};

/** Docs mark email, user_type, company_id and status as mandatory on create. */
export const userCreateSchema = z.object(userFields);
export const userUpdateSchema = z.object(userFields).partial();

export type ProductCreateBody = z.infer<typeof productCreateSchema>;
export type ProductUpdateBody = z.infer<typeof productUpdateSchema>;
export type UserUpdateBody = z.infer<typeof userUpdateSchema>;
