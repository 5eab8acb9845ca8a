/** CS-Cart request/response conventions shared by the route files. */
import type { z } from "zod";
import { hasJsonContentType, json, parseJsonBody, type SimRequest, type SimResponse } from "../shared/http";

export function cscartError(status: number, message: string): SimResponse {
  return json(status, { message, status });
}

export const notFound = (): SimResponse => cscartError(404, "Not Found");

/** Reads and validates a POST/PUT body: 415 without a JSON content type, 400 when invalid. */
export function readCscartBody<T extends z.ZodType>(
  request: SimRequest,
  schema: T,
): { ok: true; value: z.infer<T>; raw: Record<string, unknown> } | { ok: false; response: SimResponse } {
  if (!hasJsonContentType(request)) return { ok: false, response: cscartError(415, "Unsupported Media Type") };
  const body = parseJsonBody(request);
  if (!body.ok) return { ok: false, response: cscartError(400, `Bad Request: ${body.error}`) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
    return { ok: false, response: cscartError(400, `Bad Request: ${details}`) };
  }
  return { ok: true, value: parsed.data, raw: body.value as Record<string, unknown> };
}

export interface PageParams {
  page: number;
  itemsPerPage: number;
}

/** CS-Cart falls back to the admin "Elements per page" setting (10 here) for missing or bad values. */
export function readPaging(query: URLSearchParams, defaultPerPage = 10): PageParams {
  const positive = (value: string | null, fallback: number) => {
    const number = Number(value);
    return value !== null && Number.isInteger(number) && number > 0 ? number : fallback;
  };
  return { page: positive(query.get("page"), 1), itemsPerPage: positive(query.get("items_per_page"), defaultPerPage) };
}

/**
 * The page as fn_get_users, fn_get_categories and fn_get_shipments_info serve it: they count first and
 * db_paginate clamps a page past the end to the last one (db_get_valid_page), so reading on answers
 * the last page again, never an empty one. Orders and products pass no count, and run past the end.
 */
export function clampToLastPage(paging: PageParams, totalItems: number): PageParams {
  if (totalItems <= 0 || (paging.page - 1) * paging.itemsPerPage < totalItems) return paging;
  return { ...paging, page: Math.max(1, Math.ceil(totalItems / paging.itemsPerPage)) };
}

export function pageOf<T>(items: T[], paging: PageParams): T[] {
  const start = (paging.page - 1) * paging.itemsPerPage;
  return items.slice(start, start + paging.itemsPerPage);
}

/** The "params" block CS-Cart echoes next to list results. */
export function listParams(paging: PageParams, totalItems: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { page: paging.page, items_per_page: String(paging.itemsPerPage), ...extra, total_items: String(totalItems) };
}

/** PHP-style list parameter: accepts "status=P", "status=P,C" and "status[]=P&status[]=C". */
export function listValues(query: URLSearchParams, name: string): string[] {
  const values = [...query.getAll(name), ...query.getAll(`${name}[]`)];
  return values
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

export function sortDirection(query: URLSearchParams, fallback: "asc" | "desc"): 1 | -1 {
  const order = (query.get("sort_order") ?? fallback).toLowerCase();
  return order === "asc" ? 1 : -1;
}

export function compareBy<T>(key: (item: T) => number | string, direction: 1 | -1, tieBreak: (item: T) => number) {
  return (a: T, b: T): number => {
    const left = key(a);
    const right = key(b);
    if (left < right) return -direction;
    if (left > right) return direction;
    return (tieBreak(a) - tieBreak(b)) * direction;
  };
}

export function integerParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? Math.floor(number) : undefined;
}
