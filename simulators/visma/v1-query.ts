/** v1 list conventions: pageNumber/pageSize with a silent cap, metadata, and DateTime+Condition filters. */
import type { SimResponse } from "../shared/http";
import { ippException } from "./errors";

/** Visma.net prints UTC times without a zone designator, trimming trailing zeros of the fraction. */
export function formatVismaDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .slice(0, 23)
    .replace(/\.?0+$/, "");
}

/** Accepted: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.FFF], yyyy-MM-ddTHH:mm:ss[.FFF] (read as UTC). */
export function parseVismaDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?)?Z?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours = "0", minutes = "0", seconds = "0", fraction = "0"] = match;
  const ms = Number(`0.${fraction}`) * 1000;
  const value = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds), Math.round(ms));
  return Number.isNaN(value) ? undefined : value;
}

const CONDITIONS: Record<string, (left: number, right: number) => boolean> = {
  ">": (left, right) => left > right,
  "<": (left, right) => left < right,
  ">=": (left, right) => left >= right,
  "<=": (left, right) => left <= right,
};

export type TimeFilter<T> = (record: T) => boolean;

/**
 * Reads one "<name>" + "<name>Condition" pair. The two are mutually inclusive: sending one alone is
 * a 400, as is an unknown operator or date format.
 */
export function dateConditionFilter<T>(
  query: URLSearchParams,
  name: string,
  timeOf: (record: T) => number,
): { filter?: TimeFilter<T> } | { error: SimResponse } {
  const value = queryValue(query, name);
  const condition = queryValue(query, `${name}Condition`);
  if (value === undefined && condition === undefined) return {};
  if (value === undefined || condition === undefined) {
    return { error: ippException(400, `${name} and ${name}Condition are mutually inclusive.`, "400") };
  }
  const compare = CONDITIONS[condition.trim()];
  if (!compare) return { error: ippException(400, `Invalid ${name}Condition '${condition}'. Use >, <, >= or <=.`) };
  const time = parseVismaDate(value);
  if (time === undefined) return { error: ippException(400, `Invalid ${name} '${value}'.`) };
  return { filter: (record) => compare(timeOf(record), time) };
}

/** Query names in ASP.NET are case-insensitive (ON-IT sends "LastModifiedDateTime"). */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function queryFlag(query: URLSearchParams, name: string): boolean {
  return (queryValue(query, name) ?? "").toLowerCase() === "true";
}

/**
 * pageNumber is 1-based. Without pageNumber/pageSize the first page of the maximum size comes back,
 * so a client that forgets them silently misses records at scale, as the docs warn.
 */
export function pageV1<T>(records: T[], query: URLSearchParams, maxPageSize: number): { page: T[]; pageSize: number } | { error: SimResponse } {
  const numberText = queryValue(query, "pageNumber");
  const sizeText = queryValue(query, "pageSize");
  const pageNumber = numberText === undefined ? 1 : Number(numberText);
  const requestedSize = sizeText === undefined ? maxPageSize : Number(sizeText);
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || !Number.isInteger(requestedSize) || requestedSize < 1) {
    return { error: ippException(400, "pageNumber and pageSize must be positive integers.") };
  }
  const pageSize = Math.min(requestedSize, maxPageSize);
  const start = (pageNumber - 1) * pageSize;
  return { page: records.slice(start, start + pageSize), pageSize };
}

export function withMetadata(dto: Record<string, unknown>, totalCount: number, maxPageSize: number): Record<string, unknown> {
  return { ...dto, metadata: { totalCount, maxPageSize } };
}

/** Row versions travel as base64 bytes in the DTO "timestamp" and as the ETag. */
export function rowVersionToken(rowVersion: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(rowVersion));
  return bytes.toString("base64");
}

export function etagFor(rowVersion: number): string {
  return `"${rowVersionToken(rowVersion)}"`;
}

/** True when If-Match is absent, "*", or names the current version. */
export function ifMatchOk(ifMatch: string | undefined, rowVersion: number): boolean {
  if (ifMatch === undefined || ifMatch.trim() === "*") return true;
  const current = rowVersionToken(rowVersion);
  return ifMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "").replace(/^"|"$/g, "") === current);
}

/** Applies every filter; the first filter error wins. */
export function collectFilters<T>(results: ({ filter?: TimeFilter<T> } | { error: SimResponse })[]): { filters: TimeFilter<T>[] } | { error: SimResponse } {
  const filters: TimeFilter<T>[] = [];
  for (const result of results) {
    if ("error" in result) return { error: result.error };
    if (result.filter) filters.push(result.filter);
  }
  return { filters };
}
