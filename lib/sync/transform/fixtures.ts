import { CsCartOrderSchema, type CsCartOrder } from "../../integrations/cscart/schemas";
import { VismaInventoryItemSchema, type VismaInventoryItem } from "../../integrations/visma/schemas";

/** Test data from docs/api-facts.md, "Example payloads": order 1042, VAT 25 % included, shipping 59.00. */
export function rawOrder1042(): Record<string, unknown> {
  return {
    order_id: "1042",
    status: "P",
    timestamp: "1741944125",
    user_id: "57",
    email: "kari@example.no",
    firstname: "Kari",
    lastname: "Nordmann",
    phone: "+4790000000",
    b_firstname: "Kari",
    b_lastname: "Nordmann",
    b_address: "Storgata 1",
    b_address_2: "",
    b_city: "Oslo",
    b_zipcode: "0155",
    b_country: "NO",
    b_country_descr: "Norway",
    b_state: "",
    b_phone: "+4790000000",
    s_firstname: "Kari",
    s_lastname: "Nordmann",
    s_address: "Storgata 1",
    s_address_2: "",
    s_city: "Oslo",
    s_zipcode: "0155",
    s_country: "NO",
    s_country_descr: "Norway",
    s_state: "",
    s_phone: "+4790000000",
    subtotal: 447.5,
    discount: 0,
    subtotal_discount: 0,
    shipping_cost: "59.00",
    payment_surcharge: 0,
    total: "506.50",
    tax_exempt: "N",
    tax_subtotal: 0,
    taxes: {
      "6": {
        rate_type: "P",
        rate_value: "25.000",
        price_includes_tax: "Y",
        description: "MVA 25%",
        tax_subtotal: 101.3,
        applies: { P_2887013946: 79.6, P_3900120111: 9.9, S_0_1: 11.8 },
      },
    },
    notes: "Leave at door",
    details: "",
    products: {
      "2887013946": {
        item_id: "2887013946",
        order_id: "1042",
        product_id: "311",
        product_code: "TSHIRT-BLK-M",
        product: "T-shirt black M",
        price: "199.00",
        amount: "2",
        base_price: 199,
        original_price: 199,
        discount: 0,
        subtotal: 398,
        tax_value: 79.6,
      },
      "3900120111": {
        item_id: "3900120111",
        order_id: "1042",
        product_id: "87",
        product_code: "SOCK-GRY",
        product: "Wool socks grey",
        price: "49.50",
        amount: "1",
        base_price: 49.5,
        original_price: 49.5,
        discount: 0,
        subtotal: 49.5,
        tax_value: 9.9,
      },
    },
  };
}

export function parseOrder(raw: Record<string, unknown>): CsCartOrder {
  return CsCartOrderSchema.parse(raw);
}

export function order1042(overrides: Record<string, unknown> = {}): CsCartOrder {
  return parseOrder({ ...rawOrder1042(), ...overrides });
}

/** docs/api-facts.md, "Example payloads": inventory item TSHIRT-BLK-M. */
export function inventoryItem(overrides: Record<string, unknown> = {}): VismaInventoryItem {
  return VismaInventoryItemSchema.parse({
    inventoryId: 1877,
    inventoryNumber: "TSHIRT-BLK-M",
    status: "Active",
    type: "FinishedGoodItem",
    stockItem: true,
    description: "T-shirt black M",
    body: "",
    itemClass: { id: "TEXTIL", description: "Textiles", type: "FinishedGoodItem" },
    vatCode: { id: "3", description: "Utgående mva høy sats" },
    defaultPrice: 159.2,
    recommendedPrice: 199.0,
    baseUnit: "STK",
    lastModifiedDateTime: "2025-03-13T16:02:11.37",
    warehouseDetails: [
      { isDefault: true, warehouse: "MAIN", quantityOnHand: 39.0, available: 37.0, availableForShipment: 37.0 },
      { isDefault: false, warehouse: "STORE", quantityOnHand: 5.0, available: 4.0, availableForShipment: 4.0 },
    ],
    attachments: [{ name: "tshirt-blk.jpg", id: "5f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11", revision: 1 }],
    attributes: [{ id: "WEBSHOP", value: "1", description: "Yes" }],
    timestamp: "AAAAAAB3k0A=",
    ...overrides,
  });
}
