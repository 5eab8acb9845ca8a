import { z } from "zod";

/**
 * Small zod building blocks for remote payloads. CS-Cart sends numbers as strings and PHP's empty
 * array `[]` where an empty object is meant; Visma sends nulls for absent values.
 */

/** An id that may arrive as a number or a string; always a string afterwards. */
export const idString = z.union([z.string(), z.number()]).transform(String);

/** A whole number that may arrive as a string ("12"). */
export const intLike = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, "expected a whole number"),
  ])
  .transform(Number);

/**
 * A money or quantity value, kept as text so decimal maths sees exactly what the remote sent.
 * Not checked for being numeric here: a bad amount in one order is a data problem of that order
 * (ORDER_INVALID), not a broken response.
 */
export const moneyText = z.union([z.string(), z.number()]).transform(String);

/** Optional text that may be null or missing; always a string afterwards. */
export const text = z
  .string()
  .nullish()
  .transform((value) => value ?? "");

function phpArrayAsObject(value: unknown): unknown {
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, index) => [String(index), item]));
  return value ?? {};
}

function phpObjectAsArray(value: unknown): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return Object.values(value);
  return value ?? [];
}

/** A keyed map that PHP may encode as `[]` when empty. */
export function phpRecord<S extends z.ZodType>(schema: S) {
  return z.preprocess(phpArrayAsObject, z.record(z.string(), schema));
}

/** A list that PHP may encode as an object keyed by id. */
export function phpList<S extends z.ZodType>(schema: S) {
  return z.preprocess(phpObjectAsArray, z.array(schema));
}
