/**
 * Which shop orders changed since the last run, correct on every CS-Cart version
 * (docs/api-facts.md, "CS-Cart order listing"):
 * - 4.13-era shops filter the order list with `updated_at_from`; the rows do not carry `updated_at`
 *   (fn_get_orders does not select it), so the cursor position comes from the shop's clock at the
 *   start of the listing, not from the rows;
 * - older shops ignore `updated_at_from` (PHP ignores unknown parameters) and would answer with
 *   their whole history. A one-row probe with a filter far in the future tells the two apart; an old
 *   shop is then read by `order_id`, newest first, down to the cursor's order id.
 */
import { z } from "zod";
import type { Page } from "../paging";
import type { CsCartOrderSummary } from "./schemas";

/** Where the order export has got to in the shop. Stored as JSON by the module's cursor codec. */
export const ShopOrderCursorSchema = z.object({
  /** UNIX seconds (shop clock): orders updated at or after this time may not have been seen yet. */
  updatedAt: z.number().int().nonnegative().optional(),
  /** Every order with a higher id may not have been seen yet (the position on shops without `updated_at_from`). */
  lastOrderId: z.number().int().nonnegative(),
});
export type ShopOrderCursor = z.infer<typeof ShopOrderCursorSchema>;

export const INITIAL_SHOP_ORDER_CURSOR: ShopOrderCursor = { lastOrderId: 0 };

/** Reads a stored position: the JSON form, or the plain UNIX seconds stored before the cursor had an order id. */
export function parseShopOrderCursor(stored: string | null | undefined): ShopOrderCursor {
  if (stored === null || stored === undefined || stored.trim() === "") return INITIAL_SHOP_ORDER_CURSOR;
  if (/^\d+$/.test(stored.trim())) return { updatedAt: Number(stored.trim()), lastOrderId: 0 };
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    throw new Error(`The stored order cursor is neither a number nor JSON: "${stored.slice(0, 80)}"`);
  }
  return ShopOrderCursorSchema.parse(value);
}

export function serializeShopOrderCursor(cursor: ShopOrderCursor): string {
  return JSON.stringify(ShopOrderCursorSchema.parse(cursor));
}

export type OrderListingMode = "updated_at" | "order_id";

export interface OrderChanges {
  /** `updated_at`: filtered by the shop; `order_id`: an old shop, read newest first down to the cursor. */
  mode: OrderListingMode;
  /** UNIX seconds when the listing started, by the shop's clock (its Date header) when it sent one. */
  listedAt: number;
  /** Orders changed (or, on an old shop, created) since the cursor; each order at most once. */
  pages: AsyncGenerator<Page<CsCartOrderSummary>>;
}

/** Drops rows already yielded: pages shift while orders arrive, so a row can show up twice. */
export async function* uniqueOrders(pages: AsyncIterable<Page<CsCartOrderSummary>>): AsyncGenerator<Page<CsCartOrderSummary>> {
  const seen = new Set<string>();
  for await (const page of pages) {
    const items = page.items.filter((order) => !seen.has(order.order_id));
    for (const order of items) seen.add(order.order_id);
    if (items.length) yield { ...page, items };
  }
}

/** Newest first, down to (not including) `lastOrderId`: stops at the first page that reaches it. */
export async function* ordersAbove(pagesNewestFirst: AsyncIterable<Page<CsCartOrderSummary>>, lastOrderId: number): AsyncGenerator<Page<CsCartOrderSummary>> {
  for await (const page of pagesNewestFirst) {
    const items = page.items.filter((order) => Number(order.order_id) > lastOrderId);
    // The shop's total counts its whole history, not what is above the cursor: left out.
    if (items.length) yield { items, page: page.page };
    if (items.length < page.items.length) return;
  }
}

/**
 * The cursor to store after a run. It never passes an order without a final outcome: with
 * unfinished orders the updated_at position stays where it was (they are listed again) and the
 * order id position stops just below the oldest of them.
 */
export function nextShopOrderCursor(
  previous: ShopOrderCursor,
  run: { mode: OrderListingMode; listedAt: number; seenOrderIds: readonly number[]; unfinishedOrderIds: readonly number[] },
): ShopOrderCursor {
  let highestSeen = previous.lastOrderId;
  for (const id of run.seenOrderIds) highestSeen = Math.max(highestSeen, id);
  let lowestUnfinished = Number.POSITIVE_INFINITY;
  for (const id of run.unfinishedOrderIds) lowestUnfinished = Math.min(lowestUnfinished, id);
  const unfinished = Number.isFinite(lowestUnfinished);
  const lastOrderId = unfinished ? Math.max(0, Math.min(highestSeen, lowestUnfinished - 1)) : highestSeen;
  if (run.mode === "order_id") return { ...(previous.updatedAt !== undefined ? { updatedAt: previous.updatedAt } : {}), lastOrderId };
  const updatedAt = unfinished ? previous.updatedAt : Math.max(previous.updatedAt ?? 0, run.listedAt);
  return { ...(updatedAt !== undefined ? { updatedAt } : {}), lastOrderId };
}
