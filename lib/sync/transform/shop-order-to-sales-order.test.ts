import { describe, it, expect } from "vitest";
import { caughtAppError } from "../../http/caught-app-error";
import { englishLogText } from "../../logs/write-log";
import { mapShopOrderToSalesOrder, type SalesOrderMappingContext } from "./shop-order-to-sales-order";
import type { CsCartOrder } from "../../integrations/cscart/schemas";
import { Money, spreadProportionally } from "./money";
import { netForGross, netOfGross, priceLine, vatOn } from "./vat";
import { order1042, parseOrder, rawOrder1042 } from "./fixtures";

const ctx = { pricesIncludeVat: true, customerNumber: "10452" };
/** Orders without any tax data are sales without VAT: Visma.net must be told so, by a tax category. */
const zeroRated = { ...ctx, pricesIncludeVat: false, mapping: { taxCategoryByRate: { "0": "FRITATT" } } };

function lineNet(line: { quantity: number; unitPrice: number; discountAmount: number }): Money {
  return new Money(line.unitPrice).times(line.quantity).minus(line.discountAmount);
}

/** The command alone, for tests about amounts. */
function salesOrder(order: CsCartOrder, context: SalesOrderMappingContext) {
  return mapShopOrderToSalesOrder(order, context).command;
}

async function expectAppError(fn: () => unknown, code: string, messagePart: string) {
  const error = await caughtAppError(fn);
  expect(error.code).toBe(code);
  expect(error.message).toContain(messagePart);
}

describe("mapShopOrderToSalesOrder", () => {
  it("maps the documented VAT-inclusive order 1042 to net prices (docs/api-facts.md, example payloads)", () => {
    const command = salesOrder(order1042(), { ...ctx, mapping: { warehouseId: "MAIN", currency: { shopCurrency: "EUR", companyBaseCurrency: "NOK" } } });
    expect(command).toEqual({
      type: "SO",
      customer: { id: "10452", order: "CSCART-1042" },
      date: "2025-03-14T09:22:05.000Z",
      description: "Web order CS-Cart #1042",
      note: "Leave at door",
      currencyId: "EUR",
      billing: {
        address: { line1: "Storgata 1", line2: "", line3: "", postalCode: "0155", city: "Oslo", countryId: "NO", stateId: null },
        contact: { name: "Kari Nordmann", attention: "", email: "kari@example.no", phone1: "+4790000000" },
      },
      shipping: {
        address: { line1: "Storgata 1", line2: "", line3: "", postalCode: "0155", city: "Oslo", countryId: "NO", stateId: null },
        contact: { name: "Kari Nordmann", attention: "", email: "kari@example.no", phone1: "+4790000000" },
      },
      freight: { cost: 47.2 },
      orderLines: [
        {
          inventoryId: "TSHIRT-BLK-M",
          quantity: 2,
          unitPrice: 159.2,
          hasManualPrice: true,
          discountAmount: 0,
          hasManualDiscount: true,
          description: "T-shirt black M",
          warehouseId: "MAIN",
        },
        {
          inventoryId: "SOCK-GRY",
          quantity: 1,
          unitPrice: 39.6,
          hasManualPrice: true,
          discountAmount: 0,
          hasManualDiscount: true,
          description: "Wool socks grey",
          warehouseId: "MAIN",
        },
      ],
    });
  });

  it("sends shop prices unchanged when they exclude VAT", () => {
    const command = salesOrder(order1042({ taxes: [] }), { ...zeroRated, mapping: { ...zeroRated.mapping, orderType: "WO" }, branchId: "2" });
    expect(command.type).toBe("WO");
    expect(command.branchId).toBe("2");
    expect(command.orderLines.map((line) => line.unitPrice)).toEqual([199, 49.5]);
    expect(command.orderLines[0]).not.toHaveProperty("warehouseId");
    expect(command.orderLines.map((line) => line.taxCategoryId)).toEqual(["FRITATT", "FRITATT"]);
    expect(command.freight).toEqual({ cost: 59, taxCategoryId: "FRITATT" });
    // Without the tax category the order would get the items' VAT in Visma.net: refused, with advice.
    expect(() => salesOrder(order1042({ taxes: [] }), { ...ctx, pricesIncludeVat: false })).toThrow(
      /carries no VAT in the shop, but Visma.net would add its item's VAT/,
    );
  });

  it("converts mixed 25 % and 15 % lines each with its own rate", () => {
    const raw = rawOrder1042();
    raw.products = {
      "1": { item_id: "1", product_id: "1", product_code: "MUG", product: "Mug", price: "10.04", amount: "5", discount: 0, tax_value: 10.04 },
      "2": { item_id: "2", product_id: "2", product_code: "COFFEE", product: "Coffee beans", price: "10.00", amount: "7", discount: 0, tax_value: 9.13 },
    };
    raw.shipping_cost = "0.00";
    raw.total = "120.20";
    raw.taxes = {
      "6": { rate_type: "P", rate_value: "25.000", price_includes_tax: "Y", description: "MVA 25%", applies: { P_1: 10.04 } },
      "7": { rate_type: "P", rate_value: "15.000", price_includes_tax: "Y", description: "MVA 15%", applies: { P_2: 9.13 } },
    };
    const [mug, coffee] = salesOrder(parseOrder(raw), ctx).orderLines;
    // 10.04 / 1.25 = 8.032 → 8.03 would undershoot 50.20 / 1.25 = 40.16, so 8.04 with 0.04 discount.
    expect(mug).toMatchObject({ unitPrice: 8.04, discountAmount: 0.04 });
    expect(lineNet(mug!).toNumber()).toBe(40.16);
    // 10.00 / 1.15 = 8.6957 → 8.70; 70.00 / 1.15 = 60.8696 → 60.87, the 0.03 goes into the discount.
    expect(coffee).toMatchObject({ unitPrice: 8.7, discountAmount: 0.03 });
    expect(lineNet(coffee!).toNumber()).toBe(60.87);
    expect(salesOrder(parseOrder(raw), ctx).freight).toBeUndefined();
  });

  it("falls back to the line's tax_value to pick the rate when taxes have no applies map", () => {
    const raw = rawOrder1042();
    raw.taxes = {
      "6": { rate_type: "P", rate_value: "25.000", price_includes_tax: "Y", description: "MVA 25%" },
      "7": { rate_type: "P", rate_value: "15.000", price_includes_tax: "Y", description: "MVA 15%" },
    };
    (raw.products as Record<string, Record<string, unknown>>)["3900120111"]!.tax_value = 6.46; // 49.50 with 15 %
    raw.shipping_cost = "0";
    raw.total = "447.50";
    const lines = salesOrder(parseOrder(raw), ctx).orderLines;
    expect(lines.map((line) => line.unitPrice)).toEqual([159.2, 43.04]);
  });

  it("sends line discounts as manual discounts on the undiscounted price", () => {
    const raw = rawOrder1042();
    const tshirt = (raw.products as Record<string, Record<string, unknown>>)["2887013946"]!;
    Object.assign(tshirt, { price: "159.20", discount: "39.80", base_price: 199, subtotal: 318.4 });
    raw.total = "426.90";
    const line = salesOrder(parseOrder({ ...raw, taxes: [] }), zeroRated).orderLines[0]!;
    expect(line).toMatchObject({ unitPrice: 199, discountAmount: 79.6, hasManualDiscount: true, hasManualPrice: true });
    const inclusive = salesOrder(parseOrder(raw), ctx).orderLines[0]!;
    expect(inclusive).toMatchObject({ unitPrice: 159.2, discountAmount: 63.68 });
  });

  it("spreads the order discount over the lines in proportion so the total matches", () => {
    const raw = { ...rawOrder1042(), taxes: [], subtotal_discount: "40.00", shipping_cost: "0", total: "407.50" };
    const lines = salesOrder(parseOrder(raw), zeroRated).orderLines;
    // Goods 398 + 49.50 = 447.50; 40 × 398/447.5 = 35.575… and 40 × 49.5/447.5 = 4.424…
    expect(lines.map((line) => line.discountAmount)).toEqual([35.58, 4.42]);
    const net = lines.reduce((sum, line) => sum.plus(lineNet(line)), new Money(0));
    expect(net.toNumber()).toBe(407.5);
  });

  it("keeps the VAT-inclusive order total exact after an order discount: net plus Visma.net's VAT is the shop's total", () => {
    const raw = { ...rawOrder1042(), subtotal_discount: "33.40", total: "473.10" };
    const command = salesOrder(parseOrder(raw), ctx);
    const net = command.orderLines.reduce((sum, line) => sum.plus(lineNet(line)), new Money(0)).plus(command.freight?.cost ?? 0);
    expect(net.plus(vatOn(net, new Money(25))).toNumber()).toBe(473.1);
  });

  it("sends the cent VAT rounding cannot reach on the rounding item, and refuses the order without one", async () => {
    // 473.17 lies between 378.53 + 94.63 = 473.16 and 378.54 + 94.64 = 473.18.
    const raw = { ...rawOrder1042(), subtotal_discount: "33.33", total: "473.17" };
    await expectAppError(
      () => salesOrder(parseOrder(raw), ctx),
      "ORDER_INVALID",
      "would come to 473.18 in Visma.net, but the shop's total is 473.17. Visma.net's VAT, rounded as it rounds it, comes to 0.01 more",
    );
    const command = salesOrder(parseOrder(raw), { ...ctx, mapping: { items: { rounding: "AVRUNDING" } } });
    expect(command.orderLines.at(-1)).toMatchObject({ inventoryId: "AVRUNDING", quantity: -1, unitPrice: 0.01 });
  });

  it("keeps non-ASCII names and handles guest orders and companies", () => {
    const command = salesOrder(
      order1042({
        user_id: "0",
        company: "Ærlig Økologisk AS",
        b_firstname: "Åse",
        b_lastname: "Ødegård",
        b_city: "Tromsø",
        s_firstname: "",
        s_lastname: "",
        firstname: "Åse",
        lastname: "Ødegård",
      }),
      ctx,
    );
    expect(command.billing.contact).toEqual({ name: "Ærlig Økologisk AS", attention: "Åse Ødegård", email: "kari@example.no", phone1: "+4790000000" });
    expect(command.billing.address!.city).toBe("Tromsø");
    expect(command.shipping.contact.attention).toBe("Åse Ødegård");
    expect(command.customer.order).toBe("CSCART-1042");
  });

  it("rejects orders without lines, lines without SKU and non-numeric amounts", async () => {
    await expectAppError(() => salesOrder(order1042({ products: [] }), ctx), "ORDER_INVALID", "has no order lines");
    const noSku = rawOrder1042();
    (noSku.products as Record<string, Record<string, unknown>>)["3900120111"]!.product_code = " ";
    await expectAppError(() => salesOrder(parseOrder(noSku), ctx), "ORDER_INVALID", 'line 2 ("Wool socks grey") has no SKU');
    const badPrice = rawOrder1042();
    (badPrice.products as Record<string, Record<string, unknown>>)["2887013946"]!.price = "19,90";
    await expectAppError(
      () => salesOrder(parseOrder(badPrice), ctx),
      "ORDER_INVALID",
      'Order 1042: the price of line 1 (TSHIRT-BLK-M) is not a number: "19,90"',
    );
    await expectAppError(() => salesOrder(order1042({ shipping_cost: "n/a" }), ctx), "ORDER_INVALID", "shipping cost");
    await expectAppError(() => salesOrder(order1042({ subtotal_discount: "1000" }), ctx), "ORDER_INVALID", "larger than the order lines");
  });
});

describe("SalesOrder V3 field limits and addresses", () => {
  it("wraps long addresses within 3 × 50, cuts city, postcode, phone, note and line text with warnings", () => {
    const raw = rawOrder1042();
    Object.assign(raw, {
      b_address: "Kjell Aukrusts vei 4, inngang fra baksiden ved den gamle låven",
      b_address_2: "c/o Flåklypa Verksted og Sykkelreparasjon AS, 2. etasje, rom 7, ring på klokken merket Verkstedet",
      b_city: "Flåklypa kommune i Innlandet fylke, Norge (ved Tindeveien)",
      b_zipcode: "NO-2500-1234567890123",
      b_phone: "+47 900 00 000 (ring etter kl. 16, ellers send SMS til kontoret)",
      notes: "x".repeat(2100),
    });
    (raw.products as Record<string, Record<string, unknown>>)["2887013946"]!.product = "T".repeat(300);
    const { command, warnings } = mapShopOrderToSalesOrder(parseOrder(raw), ctx);
    const address = command.billing.address!;
    for (const line of [address.line1, address.line2, address.line3, address.city]) expect(line.length).toBeLessThanOrEqual(50);
    expect(address.postalCode).toHaveLength(20);
    expect(command.billing.contact.phone1.length).toBeLessThanOrEqual(50);
    expect(command.note).toHaveLength(2048);
    expect(command.orderLines[0]!.description).toHaveLength(256);
    expect(command.customer.order.length).toBeLessThanOrEqual(40);
    expect(warnings.map((warning) => englishLogText(warning).replace(/;.*/, ""))).toEqual([
      "Order 1042: The description of line 1 (TSHIRT-BLK-M) is longer than Visma.net allows (256 characters)",
      "Order 1042: The billing phone number is longer than Visma.net allows (50 characters)",
      "Order 1042: The billing address does not fit Visma.net's 3 lines of 50 characters",
      "Order 1042: The billing postcode is longer than Visma.net allows (20 characters)",
      "Order 1042: The billing city is longer than Visma.net allows (50 characters)",
      "Order 1042: The order note is longer than Visma.net allows (2048 characters)",
    ]);
  });

  it("ships an order without a shipping address (pickup, downloads) to the billing address", () => {
    const { command, warnings } = mapShopOrderToSalesOrder(
      order1042({ s_address: "", s_address_2: "", s_city: "", s_zipcode: "", s_country: "NO", s_firstname: "" }),
      ctx,
    );
    expect(command.shipping.address).toEqual(command.billing.address);
    expect(command.shipping.contact).toEqual(command.billing.contact);
    expect(warnings).toEqual([]);
  });

  it("never sends an empty country: no billing address without one, the billing country for a shipping address without one", () => {
    const noBillingCountry = mapShopOrderToSalesOrder(order1042({ b_country: "", s_country: "" }), ctx);
    expect(noBillingCountry.command.billing).not.toHaveProperty("address");
    expect(noBillingCountry.command.shipping).not.toHaveProperty("address");
    expect(noBillingCountry.warnings.map(englishLogText)).toEqual([
      "Order 1042: The billing address has no country, so it was not sent; Visma.net uses the customer's address.",
      "Order 1042: The shipping address has no country, so it was not sent; Visma.net uses the customer's address.",
    ]);
    const noShippingCountry = mapShopOrderToSalesOrder(order1042({ s_country: "", s_address: "Fjordgata 9" }), ctx);
    expect(noShippingCountry.command.shipping.address).toMatchObject({ line1: "Fjordgata 9", countryId: "NO" });
    expect(noShippingCountry.warnings.map(englishLogText)).toEqual(["Order 1042: The shipping address has no country; the billing country NO was used."]);
  });

  it("sends the Ship via the tenant mapped the order's shipping method to, and none when unmapped", () => {
    const shipped = order1042({ shipping_ids: "1", shipping: [{ shipping_id: "1", shipping: "Posten" }] });
    expect(salesOrder(shipped, { ...ctx, mapping: { shipViaByShippingId: { "1": "POSTEN" } } }).shipping.shipViaId).toBe("POSTEN");
    expect(salesOrder(shipped, { ...ctx, mapping: { shipViaByShippingId: { "2": "PICKUP" } } }).shipping).not.toHaveProperty("shipViaId");
    expect(salesOrder(order1042({ shipping_ids: "2" }), { ...ctx, mapping: { shipViaByShippingId: { "2": "PICKUP" } } }).shipping.shipViaId).toBe("PICKUP");
  });
});

describe("netForGross and priceLine", () => {
  it("finds the net whose VAT gives the gross back whenever one exists, and never strays more than a cent", () => {
    let unreachable = 0;
    for (const rate of [0, 12, 15, 25]) {
      for (let cents = 1; cents <= 5000; cents += 1) {
        const gross = new Money(cents).dividedBy(100);
        const net = netForGross(gross, new Money(rate));
        expect(
          net
            .minus(netOfGross(gross, new Money(rate)))
            .abs()
            .lessThanOrEqualTo(0.01),
        ).toBe(true);
        if (!net.plus(vatOn(net, new Money(rate))).equals(gross)) {
          unreachable++;
          // Then no net to the cent reaches it: the neighbours overshoot or undershoot.
          for (const other of [net.minus(0.01), net.plus(0.01)]) expect(other.plus(vatOn(other, new Money(rate))).equals(gross)).toBe(false);
        }
      }
    }
    // About one gross value in five at 25 %, fewer at lower rates, none at 0 %: why a rounding item exists.
    expect(unreachable).toBeGreaterThan(0);
  });

  it("prices a line to exactly its net, with a discount that is never negative nor more than the line", () => {
    for (const rate of [0, 12, 15, 25]) {
      for (let cents = 1; cents <= 2000; cents += 37) {
        for (const quantity of [1, 2, 3, 7, 13]) {
          const unit = new Money(cents).dividedBy(100);
          for (const lineNet of [netOfGross(unit.times(quantity), new Money(rate)).toDecimalPlaces(2), unit.times(quantity).dividedBy(2).toDecimalPlaces(2)]) {
            const pricing = priceLine(unit, new Money(quantity), lineNet, new Money(rate));
            expect(pricing.unitPrice.times(quantity).minus(pricing.discountAmount).equals(lineNet)).toBe(true);
            expect(pricing.discountAmount.isNegative()).toBe(false);
            expect(pricing.discountAmount.lessThanOrEqualTo(pricing.unitPrice.times(quantity))).toBe(true);
            expect(pricing.unitPrice.decimalPlaces()).toBeLessThanOrEqual(2);
          }
        }
      }
    }
  });
});

describe("spreadProportionally", () => {
  it("splits to the cent and adds up exactly", () => {
    const parts = spreadProportionally(new Money(10), [new Money(10), new Money(10), new Money(10)]);
    expect(parts.map((part) => part.toNumber())).toEqual([3.34, 3.33, 3.33]);
    expect(spreadProportionally(new Money(0.01), [new Money(1), new Money(3)]).map((part) => part.toNumber())).toEqual([0, 0.01]);
    expect(spreadProportionally(new Money(5), [new Money(0), new Money(0)]).map((part) => part.toNumber())).toEqual([5, 0]);
  });
});
