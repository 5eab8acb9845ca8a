import { describe, expect, it } from "vitest";
import { ShopOrderCursorCodec } from "./order-cursor";

describe("the order export cursor codec", () => {
  it("reads the watermark position stored before the cursor had an order id, and the plain seconds before that", () => {
    expect(ShopOrderCursorCodec.decode({ updatedAt: 1_764_000_000 })).toEqual({ updatedAt: 1_764_000_000, lastOrderId: 0 });
    expect(ShopOrderCursorCodec.decode(1_764_000_000)).toEqual({ updatedAt: 1_764_000_000, lastOrderId: 0 });
    expect(ShopOrderCursorCodec.decode({ lastOrderId: 1042 })).toEqual({ lastOrderId: 1042 });
    expect(ShopOrderCursorCodec.encode({ updatedAt: 5, lastOrderId: 7 })).toEqual({ updatedAt: 5, lastOrderId: 7 });
    expect(ShopOrderCursorCodec.safeDecode({ lastOrderId: -1 }).success).toBe(false);
  });
});
