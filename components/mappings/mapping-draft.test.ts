import { describe, expect, it } from "vitest";
import { DEFAULT_PRODUCT_MAPPING, ProductMappingSchema } from "@/lib/sync/transform";
import { draftFromMapping, mappingFromDraft } from "./mapping-draft";

describe("mapping draft", () => {
  it("round-trips the default mapping unchanged", () => {
    const { mapping, errors } = mappingFromDraft(draftFromMapping(DEFAULT_PRODUCT_MAPPING));
    expect(errors).toEqual({});
    expect(ProductMappingSchema.parse(mapping)).toEqual(DEFAULT_PRODUCT_MAPPING);
  });

  it("keeps tax and category rows, transforms and a fixed value", () => {
    const draft = draftFromMapping(DEFAULT_PRODUCT_MAPPING);
    draft.taxRows = [{ vatCode: "1", taxIds: "6, 7" }];
    draft.categoryRows = [{ value: "FinishedGoodItem", categoryId: "12" }];
    draft.fields.product = { ...draft.fields.product, uppercase: true };
    draft.fields.price = { ...draft.fields.price, multiply: "1,25" };
    draft.fields.status = { ...draft.fields.status, from: "fixed", value: "H" };
    const { mapping, errors } = mappingFromDraft(draft);
    expect(errors).toEqual({});
    const parsed = ProductMappingSchema.parse(mapping);
    expect(parsed.taxMapping).toEqual({ "1": [6, 7] });
    expect(parsed.categoryMapping).toEqual({ FinishedGoodItem: 12 });
    expect(parsed.fields.product).toMatchObject({ transforms: [{ op: "trim" }, { op: "uppercase" }] });
    expect(parsed.fields.price).toMatchObject({ transforms: [{ op: "multiply", by: 1.25 }, { op: "round2" }] });
    expect(parsed.fields.status).toEqual({ from: "fixed", value: "H" });
  });

  it("keeps a VAT code mapped to no shop tax (a VAT code for sales without VAT)", () => {
    const draft = draftFromMapping({ ...DEFAULT_PRODUCT_MAPPING, taxMapping: { "0": [], "3": [6] } });
    const { mapping, errors } = mappingFromDraft(draft);
    expect(errors).toEqual({});
    expect(ProductMappingSchema.parse(mapping).taxMapping).toEqual({ "0": [], "3": [6] });
  });

  it("names each field the browser can tell is wrong", () => {
    const draft = draftFromMapping(DEFAULT_PRODUCT_MAPPING);
    draft.taxRows = [
      { vatCode: "", taxIds: "x" },
      { vatCode: "2", taxIds: "" },
    ];
    draft.defaultCategoryId = "abc";
    draft.fields.price = { ...draft.fields.price, multiply: "lots" };
    const { errors } = mappingFromDraft(draft);
    expect(errors).toEqual({
      "taxRows.0.vatCode": { code: "required" },
      "taxRows.0.taxIds": { code: "notAnId", params: { value: "x" } },
      defaultCategoryId: { code: "invalid" },
      "fields.price.multiply": { code: "notANumber", params: { value: "lots" } },
    });
  });
});
