import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCscartSimulator, type CscartSimulator } from "../cscart/server";
import { cscartFetch, vismaFetch, vismaToken } from "../testing";
import { startVismaSimulator, type VismaSimulator } from "../visma/server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract tests read whatever JSON a simulator answers
type Json = Record<string, any>;
let shop: CscartSimulator;
let erp: VismaSimulator;

beforeAll(async () => {
  const scale = { seed: 31, products: 300, customers: 80, orders: 120 };
  shop = await startCscartSimulator({ port: 0, ...scale });
  erp = await startVismaSimulator({ port: 0, ...scale, maxPageSize: 1000 });
});
afterAll(async () => {
  await shop.close();
  await erp.close();
});

describe("CS-Cart and Visma.net seeded from the same seed", () => {
  it("share the SKU universe, with a few SKUs on one side only", async () => {
    const products = ((await (await cscartFetch(shop, "/api/products?items_per_page=1000")).json()) as Json).products as Json[];
    const token = await vismaToken(erp);
    const items = (await (await vismaFetch(erp, token, "/v1/inventory?pageNumber=1&pageSize=1000")).json()) as Json[];
    const shopCodes = new Set(products.map((product) => product.product_code as string));
    const vismaNumbers = new Set(items.map((item) => item.inventoryNumber as string));
    const shared = [...shopCodes].filter((code) => vismaNumbers.has(code));
    expect(shared.length).toBeGreaterThan(products.length * 0.9);
    expect([...shopCodes].some((code) => !vismaNumbers.has(code))).toBe(true);
    expect([...vismaNumbers].some((number) => !shopCodes.has(number))).toBe(true);
  });

  it("has shop order e-mails that partly match Visma customers, sometimes only ignoring case", async () => {
    const orders = ((await (await cscartFetch(shop, "/api/orders?items_per_page=1000")).json()) as Json).orders as Json[];
    const vismaEmails = [...erp.state.customers.values()].map((customer) => customer.mainContact.email);
    const exact = new Set(vismaEmails);
    const folded = new Set(vismaEmails.map((email) => email.toLowerCase()));
    const emails = orders.map((order) => order.email as string);
    expect(emails.some((email) => exact.has(email))).toBe(true);
    expect(emails.some((email) => !exact.has(email) && folded.has(email.toLowerCase()))).toBe(true);
    expect(emails.some((email) => !folded.has(email.toLowerCase()))).toBe(true);
  });
});
