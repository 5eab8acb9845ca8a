/**
 * Where order export has got to in the shop, on every CS-Cart version (docs/api-facts.md, "CS-Cart
 * order listing"): `{ updatedAt?, lastOrderId }`. A 4.13-era shop is listed with `updated_at_from`
 * and the cursor takes the shop's clock when the listing started; an old shop is listed by order id,
 * newest first, down to `lastOrderId`. Either way the cursor never passes an order without a final
 * outcome (CsCartClient.listOrderChanges, nextShopOrderCursor).
 *
 * An old shop shows an order only while its id is above the cursor. So an order it lists that is
 * not (yet) in an exported status — an unpaid bank transfer, say — holds the cursor just below it,
 * so it is listed again when it is paid. Not forever: after HOLD_DAYS from its creation it is let
 * go (an abandoned order would otherwise keep every later order listed on every run), with a line in
 * the run log; a 4.13-era shop needs no holding, its filter lists an order again when it changes.
 */
import { z } from "zod";
import type { CsCartOrder } from "../../../integrations/cscart/schemas";
import {
  INITIAL_SHOP_ORDER_CURSOR,
  nextShopOrderCursor,
  ShopOrderCursorSchema,
  type OrderListingMode,
  type ShopOrderCursor,
} from "../../../integrations/cscart/order-changes";
import type { Page } from "../../../integrations/paging";
import { quoteDate } from "../../../errors";
import { logLine } from "../../../logs/log-line";
import type { CursorPolicy } from "../../engine/cursor";

/** How long an old shop's order not yet in an exported status holds the cursor. */
export const HOLD_DAYS = 7;

export type OrderListing = { mode: OrderListingMode; listedAt: number };

/** An order as listed (or read again for a retry): enough to select it and move the cursor. */
export type OrderRef = {
  orderId: string;
  listedStatus?: string;
  /** UNIX seconds (the order's `timestamp`): no sales order for it can be older. */
  createdAt?: number;
  /** Not in an exported status yet, on an old shop, and young enough to hold the cursor for. */
  waiting?: boolean;
  /** The full order, once read (the map step reads it; the steps after the export reuse it). */
  detail?: CsCartOrder;
};

/** A page of the order listing, with how the shop was listed (the cursor's next position needs it). */
export type OrderPage = Page<OrderRef> & { listing: OrderListing };

function isOrderPage(page: Page<OrderRef>): page is OrderPage {
  return "listing" in page;
}

/** The stored JSON, or the `{ updatedAt }` the watermark cursor stored before orders had an id position. */
export const ShopOrderCursorCodec = z.codec(
  z.union([z.object({ updatedAt: z.number().int().min(0).optional(), lastOrderId: z.number().int().min(0).optional() }), z.number().int().min(0)]),
  ShopOrderCursorSchema,
  {
    decode: (stored) => (typeof stored === "number" ? { updatedAt: stored, lastOrderId: 0 } : { ...stored, lastOrderId: stored.lastOrderId ?? 0 }),
    encode: (cursor) => cursor,
  },
);

export function shopOrderCursor(): CursorPolicy<ShopOrderCursor, ShopOrderCursor, OrderRef> {
  return {
    codec: ShopOrderCursorCodec,
    retriesUnfinishedFromLedger: false,
    readFrom: (position) => position ?? INITIAL_SHOP_ORDER_CURSOR,
    describe: (position) => {
      if (!position) return logLine("readingAll", {});
      if (position.updatedAt === undefined) return logLine("readingOrdersAbove", { lastOrderId: position.lastOrderId });
      return logLine("readingOrdersSince", { since: quoteDate(new Date(position.updatedAt * 1000)), lastOrderId: position.lastOrderId });
    },
    begin(position) {
      const previous = position ?? INITIAL_SHOP_ORDER_CURSOR;
      let listing: OrderListing | undefined;
      const seen: number[] = [];
      const unfinished: number[] = [];
      return {
        observePage(page) {
          if (isOrderPage(page)) listing = page.listing;
        },
        observe(order, outcome) {
          const id = Number(order.orderId);
          seen.push(id);
          if (outcome === "pending" || (outcome === undefined && order.waiting)) unfinished.push(id);
        },
        next() {
          if (!listing) return null;
          const next = nextShopOrderCursor(previous, { ...listing, seenOrderIds: seen, unfinishedOrderIds: unfinished });
          return next.lastOrderId === previous.lastOrderId && next.updatedAt === previous.updatedAt ? null : next;
        },
      };
    },
  };
}
