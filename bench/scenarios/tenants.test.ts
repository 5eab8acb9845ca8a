import { describe, expect, it } from "vitest";
import { spreadOf } from "./tenants";

describe("spreadOf", () => {
  it("gives min, median, p95, max and the spread of completion times", () => {
    const spread = spreadOf([4, 1, 3, 2, 10]);
    expect(spread).toEqual({ min: 1, p50: 3, p95: 10, max: 10, spread: 9, maxOverMin: 10 });
  });

  it("survives an empty list", () => {
    expect(spreadOf([])).toMatchObject({ min: 0, max: 0, maxOverMin: 0 });
  });
});
