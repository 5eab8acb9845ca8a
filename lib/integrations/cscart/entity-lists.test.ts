import { describe, expect, it } from "vitest";
import { CsCartShippingListSchema, CsCartStatusListSchema, CsCartTaxDefinitionListSchema } from "./schemas";

describe('CS-Cart small lists (docs/api-facts.md, "CS-Cart lists for the pick-lists")', () => {
  const tax = { tax_id: "6", tax: "VAT", status: "A", price_includes_tax: "Y" };

  it("reads a plain list, an object keyed by id, and either wrapped under the entity's name alike", () => {
    expect(CsCartTaxDefinitionListSchema.parse([tax])).toEqual([tax]);
    expect(CsCartTaxDefinitionListSchema.parse({ "6": tax })).toEqual([tax]);
    expect(CsCartTaxDefinitionListSchema.parse({ taxes: { "6": tax } })).toEqual([tax]);
    expect(CsCartShippingListSchema.parse({ "1": { shipping_id: 1, shipping: "Posten", status: "A" } })).toEqual([
      { shipping_id: "1", shipping: "Posten", status: "A" },
    ]);
    expect(CsCartStatusListSchema.parse([{ status: "P", type: "O", description: "Processed", params: {} }])[0]).toMatchObject({
      status: "P",
      description: "Processed",
    });
  });

  it("reads PHP's empty array as an empty list, and refuses rows without their id", () => {
    expect(CsCartTaxDefinitionListSchema.parse([])).toEqual([]);
    expect(CsCartShippingListSchema.safeParse({ "1": { shipping: "no id" } }).success).toBe(false);
  });
});
