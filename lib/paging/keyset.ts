/**
 * Keyset paging on (timestamp desc, id desc): each page starts after the last row of the one
 * before, so page 1000 costs the same as page 1 and nothing is ever counted or loaded whole.
 */
import { z } from "zod";
import { AppError } from "../errors";

export const CursorSchema = z.string().max(200).optional();

export function encodeCursor(at: Date, id: string | bigint): string {
  return Buffer.from(`${at.toISOString()}|${id.toString()}`).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) {
    throw new AppError("VALIDATION_FAILED", "Invalid query parameters: cursor: not a page position from this list", {
      details: { fields: { cursor: "not a page position from this list" } },
    });
  }
  return { at, id };
}

/** The Prisma `where` fragment for "after this cursor", for a model keyed on `field` + id. */
export function afterCursor<F extends string, I>(field: F, cursor: string | undefined, toId: (id: string) => I) {
  if (!cursor) return {};
  const { at, id } = decodeCursor(cursor);
  return { OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: toId(id) } }] } as Record<string, unknown>;
}

/** Takes one row more than a page to learn whether another page follows. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string) {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit && page.length ? cursorOf(page[page.length - 1]!) : null };
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateFilter(edge: "start" | "end") {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: "custom", message: `"${value}" is not a date (use YYYY-MM-DD)` });
        return z.NEVER;
      }
      // "to 2025-03-01" means up to the end of that day, not its first moment.
      return edge === "end" && BARE_DATE.test(value) ? new Date(date.getTime() + 86_399_999) : date;
    });
}

/** A date filter's lower bound: a date (its first moment) or a full timestamp. */
export const FromDateSchema = dateFilter("start");
/** A date filter's upper bound: a date (up to its last moment) or a full timestamp. */
export const ToDateSchema = dateFilter("end");

/** Query strings send "" for an unset select; treat it as absent. */
export function optionalFilter<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}
