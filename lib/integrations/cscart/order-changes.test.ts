import { describe, expect, it } from "vitest";
import type { Page } from "../paging";
import { nextShopOrderCursor, ordersAbove, parseShopOrderCursor, serializeShopOrderCursor, uniqueOrders } from "./order-changes";
import type { CsCartOrderSummary } from "./schemas";

function summary(orderId: number): CsCartOrderSummary {
  return { order_id: String(orderId), status: "P", email: "", firstname: "", lastname: "" };
}

async function* pagesOf(...pages: number[][]): AsyncGenerator<Page<CsCartOrderSummary>> {
  let index = 1;
  for (const ids of pages) yield { items: ids.map(summary), page: index++ };
}

async function idsOf(pages: AsyncIterable<Page<CsCartOrderSummary>>): Promise<number[]> {
  const ids: number[] = [];
  for await (const page of pages) ids.push(...page.items.map((order) => Number(order.order_id)));
  return ids;
}

describe("the shop order cursor", () => {
  it("round-trips as JSON and reads the plain seconds stored before it had an order id", () => {
    expect(parseShopOrderCursor(serializeShopOrderCursor({ updatedAt: 1_700_000_000, lastOrderId: 1042 }))).toEqual({
      updatedAt: 1_700_000_000,
      lastOrderId: 1042,
    });
    expect(parseShopOrderCursor("1700000000")).toEqual({ updatedAt: 1_700_000_000, lastOrderId: 0 });
    expect(parseShopOrderCursor(null)).toEqual({ lastOrderId: 0 });
    expect(() => parseShopOrderCursor('{"lastOrderId":-1}')).toThrow();
    expect(() => parseShopOrderCursor("yesterday")).toThrow(/neither a number nor JSON/);
  });

  it("moves to the listing's start when every order is done, and holds still for unfinished ones", () => {
    const previous = { updatedAt: 1000, lastOrderId: 10 };
    expect(nextShopOrderCursor(previous, { mode: "updated_at", listedAt: 2000, seenOrderIds: [11, 14, 12], unfinishedOrderIds: [] })).toEqual({
      updatedAt: 2000,
      lastOrderId: 14,
    });
    expect(nextShopOrderCursor(previous, { mode: "updated_at", listedAt: 2000, seenOrderIds: [11, 14, 12], unfinishedOrderIds: [12] })).toEqual({
      updatedAt: 1000,
      lastOrderId: 11,
    });
    // An old shop: only the order id moves, and never past an unfinished order.
    expect(nextShopOrderCursor({ lastOrderId: 10 }, { mode: "order_id", listedAt: 2000, seenOrderIds: [13, 12, 11], unfinishedOrderIds: [] })).toEqual({
      lastOrderId: 13,
    });
    expect(nextShopOrderCursor({ lastOrderId: 10 }, { mode: "order_id", listedAt: 2000, seenOrderIds: [13, 12, 11], unfinishedOrderIds: [12, 13] })).toEqual({
      lastOrderId: 11,
    });
    expect(nextShopOrderCursor({ lastOrderId: 10 }, { mode: "order_id", listedAt: 2000, seenOrderIds: [], unfinishedOrderIds: [] })).toEqual({
      lastOrderId: 10,
    });
  });
});

describe("order listing helpers", () => {
  it("stops paging newest-first at the cursor's order id", async () => {
    expect(await idsOf(ordersAbove(pagesOf([20, 19], [18, 17], [16, 15]), 17))).toEqual([20, 19, 18]);
    expect(await idsOf(ordersAbove(pagesOf([20, 19], [18]), 0))).toEqual([20, 19, 18]);
  });

  it("yields each order once although pages shift while orders arrive", async () => {
    expect(await idsOf(uniqueOrders(pagesOf([20, 19], [19, 18], [18, 17])))).toEqual([20, 19, 18, 17]);
  });
});
