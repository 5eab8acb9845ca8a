/**
 * Where a tenant's incremental streams have got to (one per module, plus helper streams such as
 * the customer directory). Each stream stores its position as the JSON of a zod codec, so a
 * module reads back a typed value ({ since: Date }, { updatedAt: seconds }) and never a bare
 * string whose meaning depends on who wrote it.
 *
 * A cursor policy says what the position means for a module run: where the read starts, how the
 * records seen move it, and whether records left unfinished are fetched again from the ledger.
 */
import { z } from "zod";
import { db } from "../../db";
import { AppError, quoteDate } from "../../errors";
import type { Page } from "../../integrations/paging";
import { logLine, type LogLine } from "../../logs/log-line";
import { describeZodError } from "../../validation";

/** A codec between the stored JSON (its input side) and the typed position (its output side). */
export type CursorCodec<Position> = z.ZodType<Position>;

export async function readCursor<Position>(tenantId: string, stream: string, codec: CursorCodec<Position>): Promise<Position | null> {
  const row = await db.syncCursor.findUnique({ where: { tenantId_stream: { tenantId, stream } } });
  if (row?.position === null || row?.position === undefined) return null;
  const decoded = codec.safeDecode(row.position);
  if (!decoded.success) {
    throw new AppError("CURSOR_INVALID", `The stored position of ${stream} is not readable (${describeZodError(decoded.error)}).`);
  }
  return decoded.data;
}

export async function writeCursor<Position>(tenantId: string, stream: string, codec: CursorCodec<Position>, position: Position): Promise<void> {
  const json = codec.encode(position) as object;
  await db.syncCursor.upsert({
    where: { tenantId_stream: { tenantId, stream } },
    create: { tenantId, stream, position: json },
    update: { position: json },
  });
}

/** { since: "<ISO time>" } ↔ { since: Date }: "everything changed since this time". */
export const SinceCursorCodec = z.codec(z.object({ since: z.iso.datetime({ offset: true }) }), z.object({ since: z.date() }), {
  decode: (stored) => ({ since: new Date(stored.since) }),
  encode: (position) => ({ since: position.since.toISOString() }),
});
export type SincePosition = z.output<typeof SinceCursorCodec>;

/** { updatedAt: <UNIX seconds> }: the newest change time handled completely. */
export const WatermarkCursorCodec = z.object({ updatedAt: z.number().int().min(0) });
export type WatermarkPosition = z.output<typeof WatermarkCursorCodec>;

/** How the records of one pass move the cursor; `next` is null when it must not move. */
export interface CursorPass<Item, Position> {
  /** Each page as read (before its records), for positions the listing itself gives (e.g. the remote's clock). */
  observePage?(page: Page<Item>): void;
  observe(item: Item, outcome: RecordOutcome | undefined): void;
  next(): Position | null;
}

/** What became of one record in a run. `pending`: not finished, to be tried again. */
export type RecordOutcome = "written" | "skipped" | "failed" | "pending";

export interface CursorPolicy<Position, Bound, Item> {
  codec: CursorCodec<Position>;
  /**
   * True: records left unfinished are read again from the ledger at the start of the next run,
   * so the cursor may move past them. False: the cursor stops before the oldest unfinished record.
   */
  retriesUnfinishedFromLedger: boolean;
  /** The lower bound of the read (with the overlap applied). */
  readFrom(position: Position | null): Bound;
  /** Where the read starts, for the run log. */
  describe(position: Position | null): LogLine;
  begin(position: Position | null, passStartedAt: Date): CursorPass<Item, Position>;
  /**
   * For "re-import from a date": the position a re-import run reads from: the date, or the stored
   * position when that is older (the run moves the cursor on at the end, so it must read both).
   */
  rewindTo?(from: Date, stored: Position | null): Position;
}

/**
 * The cursor moves to the time the pass started, once the pass is complete; records that could not
 * be written wait in the ledger (PENDING) and are tried first on the next run. Reads start
 * `overlapMs` early, because remote clocks and ours differ (re-reading a few minutes costs little:
 * unchanged records are skipped by their payload hash).
 */
export function passStartCursor<Item>(options: { overlapMs: number }): CursorPolicy<SincePosition, Date | undefined, Item> {
  return {
    codec: SinceCursorCodec,
    retriesUnfinishedFromLedger: true,
    readFrom: (position) => (position ? new Date(position.since.getTime() - options.overlapMs) : undefined),
    describe: (position) =>
      position ? logLine("readingSince", { since: quoteDate(new Date(position.since.getTime() - options.overlapMs)) }) : logLine("readingAll", {}),
    begin: (_position, passStartedAt) => ({ observe: () => {}, next: () => ({ since: passStartedAt }) }),
    rewindTo: (from, stored) => ({ since: stored && stored.since < from ? stored.since : from }),
  };
}

/**
 * The cursor is the newest change time seen (`of(item)`, UNIX seconds), but never passes a record
 * that is unfinished: it stops just before the oldest one, so the next run lists it again. Reads
 * start `overlapSeconds` early (clock skew, slow commits on the remote).
 */
export function watermarkCursor<Item>(options: { of: (item: Item) => number; overlapSeconds: number }): CursorPolicy<WatermarkPosition, number, Item> {
  return {
    codec: WatermarkCursorCodec,
    retriesUnfinishedFromLedger: false,
    readFrom: (position) => Math.max(0, (position?.updatedAt ?? 0) - options.overlapSeconds),
    describe: (position) =>
      position
        ? logLine("readingSince", { since: quoteDate(new Date(Math.max(0, position.updatedAt - options.overlapSeconds) * 1000)) })
        : logLine("readingAll", {}),
    begin: (position) => {
      const start = position?.updatedAt ?? 0;
      let newest = start;
      let oldestUnfinished = Number.POSITIVE_INFINITY;
      return {
        observe(item, outcome) {
          const at = options.of(item);
          newest = Math.max(newest, at);
          if (outcome === "pending") oldestUnfinished = Math.min(oldestUnfinished, at);
        },
        next() {
          const next = Number.isFinite(oldestUnfinished) ? oldestUnfinished - 1 : newest;
          return next > start ? { updatedAt: next } : null;
        },
      };
    },
  };
}
