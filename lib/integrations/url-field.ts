import { z } from "zod";

/** A base URL typed by a tenant, kept without its trailing slash. */
export const httpUrl = z
  .url("must be a full URL, e.g. https://shop.example.com")
  .refine((value) => /^https?:\/\//.test(value), { message: "must start with http:// or https://", params: { issue: "url" } })
  .transform((value) => value.replace(/\/+$/, ""));
