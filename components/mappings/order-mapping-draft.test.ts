import { describe, expect, it } from "vitest";
import { DEFAULT_ORDER_MAPPING, OrderMappingSchema } from "@/lib/sync/transform/order-mapping";
import { draftFromOrderMapping, orderMappingFromDraft } from "./order-mapping-draft";

describe("the order mapping draft", () => {
  it("gives back the mapping it was made from", () => {
    const mapping = OrderMappingSchema.parse({
      orderType: "SO",
      shipViaByShippingId: { "1": "POSTEN", "3": "PICKUP" },
      paymentMethods: { "12": { termsId: "14", paymentMethodId: "KLARNA", cashAccountId: "1920" }, "14": { termsId: "30" } },
      warehouseId: "MAIN",
      items: { paymentSurcharge: "GEBYR", giftCertificate: null, rounding: "AVRUNDING" },
      taxCategoryByRate: { "0": "FRITATT" },
      currency: { shopCurrency: "EUR", companyBaseCurrency: "NOK", vismaCurrencyByShopCurrency: { EUR: "EURO" } },
      progress: { shopStatusByVismaStatus: { Completed: "C", Invoiced: "C" }, createShopShipments: false, carrierByShipVia: { POSTEN: "posten" } },
    });
    expect(OrderMappingSchema.parse(orderMappingFromDraft(draftFromOrderMapping(mapping)))).toEqual(mapping);
    expect(OrderMappingSchema.parse(orderMappingFromDraft(draftFromOrderMapping(DEFAULT_ORDER_MAPPING)))).toEqual(DEFAULT_ORDER_MAPPING);
  });

  it("reads blank inputs as not set, and keeps a half-typed row for the schema to name", () => {
    const draft = { ...draftFromOrderMapping(DEFAULT_ORDER_MAPPING), warehouseId: "  ", shipVias: [{ shippingId: "posten", shipViaId: "POSTEN" }] };
    const mapping = orderMappingFromDraft(draft);
    expect(mapping.warehouseId).toBeNull();
    const checked = OrderMappingSchema.safeParse(mapping);
    expect(checked.success).toBe(false);
    expect(checked.error!.issues.map((issue) => issue.path.join("."))).toEqual(["shipViaByShippingId.posten"]);
  });
});
