import { describe, it, expect } from "vitest";
import { caughtAppError } from "../../http/caught-app-error";
import { englishLogText } from "../../logs/write-log";
import { VismaCustomerSchema } from "../../integrations/visma/schemas";
import { branchIdFor, mapShopOrderToNewCustomer, mapVismaCustomerToShopUser, parseVismaDate, splitCustomerName } from "./customers";
import { CustomerMappingSchema } from "./customer-mapping";
import { order1042 } from "./fixtures";

function vismaCustomer(overrides: Record<string, unknown> = {}) {
  return VismaCustomerSchema.parse({
    internalId: 9021,
    number: "10452",
    name: "Kari Nordmann",
    status: "Active",
    mainAddress: {
      addressId: 3311,
      addressLine1: "Storgata 1",
      addressLine2: "Oppgang B",
      addressLine3: "",
      postalCode: "0155",
      city: "Oslo",
      country: { id: "NO", name: "Norway" },
    },
    mainContact: { contactId: 5120, name: "Kari Nordmann", email: "Kari@Example.NO", phone1: "+4790000000" },
    lastModifiedDateTime: "2025-03-14T10:22:31.503",
    createdDateTime: "2024-11-02T08:41:09.12",
    ...overrides,
  });
}

describe("mapShopOrderToNewCustomer", () => {
  it("builds the wrapped v1 customer with the default debtor settings", () => {
    expect(mapShopOrderToNewCustomer(order1042())).toEqual({
      warnings: [],
      customer: {
        name: { value: "Kari Nordmann" },
        status: { value: "Active" },
        mainAddress: {
          value: {
            addressLine1: { value: "Storgata 1" },
            addressLine2: { value: "" },
            addressLine3: { value: "" },
            postalCode: { value: "0155" },
            city: { value: "Oslo" },
            countryId: { value: "NO" },
          },
        },
        mainContact: {
          value: { name: { value: "Kari Nordmann" }, attention: { value: "" }, email: { value: "kari@example.no" }, phone1: { value: "+4790000000" } },
        },
        creditTermsId: { value: "14" },
        glAccounts: { value: { customerLedgerAccount: { value: "1400" } } },
      },
    });
    expect(branchIdFor()).toBe("2");
  });

  it("puts the administration on the customer class when the tenant says so", () => {
    const defaults = { administration: "WEB", administrationTarget: { kind: "customerClass" as const } };
    expect(mapShopOrderToNewCustomer(order1042(), defaults).customer.customerClassId).toEqual({ value: "WEB" });
    expect(branchIdFor(defaults)).toBeUndefined();
  });

  it("uses the company name and the tenant's own defaults", () => {
    const { customer } = mapShopOrderToNewCustomer(order1042({ company: "Fjord Sykkel AS", user_id: "0" }), {
      paymentTerms: "30",
      collectionAccount: "1500",
      administration: "7",
      administrationTarget: { kind: "attribute", attributeId: "ADMIN" },
    });
    expect(customer.name).toEqual({ value: "Fjord Sykkel AS" });
    expect(customer.mainContact.value.attention).toEqual({ value: "Kari Nordmann" });
    expect(customer.creditTermsId).toEqual({ value: "30" });
    expect(customer.glAccounts).toEqual({ value: { customerLedgerAccount: { value: "1500" } } });
    expect(customer.attributeLines).toEqual([{ attributeId: { value: "ADMIN" }, attributeValue: { value: "7" } }]);
    expect(customer).not.toHaveProperty("customerClassId");
  });
});

describe("new customer field limits", () => {
  it("wraps a long address over three lines of 50, cuts what is left with a warning, and leaves out an empty country", () => {
    const street = "Kjell Aukrusts vei 4, inngang fra baksiden ved den gamle låven";
    const { customer, warnings } = mapShopOrderToNewCustomer(
      order1042({
        b_address: street,
        b_address_2: "c/o Flåklypa Verksted og Sykkelreparasjon AS, 2. etasje, rom 7, ring på klokken merket Verkstedet",
        b_city: "Flåklypa kommune i Innlandet fylke, Norge (ved Tindeveien)",
        b_zipcode: "NO-2500-1234567890123",
        b_country: "",
      }),
    );
    const address = customer.mainAddress.value;
    for (const line of [address.addressLine1, address.addressLine2, address.addressLine3, address.city]) expect(line.value.length).toBeLessThanOrEqual(50);
    expect(address.addressLine1.value).toBe("Kjell Aukrusts vei 4, inngang fra baksiden ved den");
    expect(address.postalCode.value).toBe("NO-2500-123456789012");
    expect(address).not.toHaveProperty("countryId");
    expect(warnings.map(englishLogText)).toContainEqual(expect.stringMatching(/^New customer for order 1042: The address does not fit/));
    expect(warnings.map(englishLogText)).toContainEqual(expect.stringContaining("The city is longer than Visma.net allows (50 characters)"));
  });
});

describe("splitCustomerName", () => {
  it("takes the last word as last name and keeps companies whole", () => {
    expect(splitCustomerName("Kari  Anne Nordmann", false)).toEqual({ firstname: "Kari Anne", lastname: "Nordmann", company: "" });
    expect(splitCustomerName("Ødegård", false)).toEqual({ firstname: "Ødegård", lastname: "", company: "" });
    expect(splitCustomerName("Fjord Sykkel AS", false)).toEqual({ firstname: "Fjord Sykkel AS", lastname: "", company: "Fjord Sykkel AS" });
    expect(splitCustomerName("Hansen og Sønn", true)).toEqual({ firstname: "Hansen og Sønn", lastname: "", company: "Hansen og Sønn" });
  });
});

describe("mapVismaCustomerToShopUser", () => {
  it("maps a person with address, phone, lower-cased e-mail and dates", () => {
    const result = mapVismaCustomerToShopUser(vismaCustomer());
    if (result.kind !== "user") throw new Error("expected a user");
    expect(result.email).toBe("kari@example.no");
    expect(result.payload).toEqual({
      email: "kari@example.no",
      user_type: "C",
      status: "A",
      firstname: "Kari",
      lastname: "Nordmann",
      company: "",
      phone: "+4790000000",
      b_firstname: "Kari",
      b_lastname: "Nordmann",
      b_address: "Storgata 1",
      b_address_2: "Oppgang B",
      b_city: "Oslo",
      b_zipcode: "0155",
      b_country: "NO",
      b_phone: "+4790000000",
      timestamp: Math.floor(Date.parse("2024-11-02T08:41:09.120Z") / 1000),
    });
    expect(result.modifiedAt?.toISOString()).toBe("2025-03-14T10:22:31.503Z");
  });

  it("treats customers with an organisation number as companies", () => {
    const result = mapVismaCustomerToShopUser(vismaCustomer({ name: "Hansen og Sønn", corporateId: "912345678" }));
    expect(result).toMatchObject({ kind: "user" });
    expect(result.kind === "user" && result.payload).toMatchObject({ company: "Hansen og Sønn", firstname: "Hansen og Sønn", lastname: "" });
  });

  it("skips a customer without e-mail with the reason, or gives it the placeholder address the mapping asks for", async () => {
    const noEmail = vismaCustomer({ mainContact: { name: "Kari Nordmann", email: null } });
    expect(mapVismaCustomerToShopUser(noEmail)).toEqual({
      kind: "skip",
      reason: "Visma.net customer 10452 (Kari Nordmann) has no e-mail address; the customer mapping skips such customers.",
      customerNumber: "10452",
      name: "Kari Nordmann",
    });
    const placeholder = mapVismaCustomerToShopUser(
      noEmail,
      CustomerMappingSchema.parse({ withoutEmail: { mode: "placeholder", template: "{number}@kunder.example.no" } }),
    );
    expect(placeholder).toMatchObject({ kind: "user", email: "10452@kunder.example.no", placeholderEmail: true });
    // The invoice contact's e-mail is the next source by default.
    expect(mapVismaCustomerToShopUser(vismaCustomer({ mainContact: null, invoiceContact: { email: "Faktura@Example.no" } }))).toMatchObject({
      email: "faktura@example.no",
      placeholderEmail: false,
    });
    const error = await caughtAppError(() =>
      mapVismaCustomerToShopUser(
        vismaCustomer({ number: "A B", mainContact: null }),
        CustomerMappingSchema.parse({ withoutEmail: { mode: "placeholder", template: "{number}@kunder.example.no" } }),
      ),
    );
    expect(error.code).toBe("CUSTOMER_INVALID");
    expect(CustomerMappingSchema.safeParse({ withoutEmail: { mode: "placeholder", template: "kunder.example.no" } }).success).toBe(false);
  });

  it("fills the shipping address and the names as the mapping says", () => {
    const customer = vismaCustomer({
      deliveryAddress: { addressLine1: "Lagervegen 9", postalCode: "2000", city: "Lillestrøm", country: { id: "NO" } },
      corporateId: "912345678",
    });
    const result = mapVismaCustomerToShopUser(customer, CustomerMappingSchema.parse({ shippingAddress: "deliveryAddress", names: "person", phoneFrom: null }));
    expect(result.kind === "user" && result.payload).toMatchObject({
      firstname: "Kari",
      lastname: "Nordmann",
      company: "",
      phone: "",
      b_address: "Storgata 1",
      s_address: "Lagervegen 9",
      s_city: "Lillestrøm",
      s_zipcode: "2000",
      s_country: "NO",
    });
  });
});

describe("parseVismaDate", () => {
  it("reads zone-less dates as UTC and keeps explicit zones", () => {
    expect(parseVismaDate("2025-03-14T10:22:31.503")?.toISOString()).toBe("2025-03-14T10:22:31.503Z");
    expect(parseVismaDate("2025-03-14T10:22:31+01:00")?.toISOString()).toBe("2025-03-14T09:22:31.000Z");
    expect(parseVismaDate("garbage")).toBeUndefined();
    expect(parseVismaDate(null)).toBeUndefined();
  });
});
