import { describe, expect, it } from "vitest";
import { generateSeedData } from "./seed-data";

describe("generateSeedData", () => {
  const scale = { products: 500, customers: 100, orders: 200 };

  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateSeedData(7, scale)).toEqual(generateSeedData(7, scale));
    expect(generateSeedData(8, scale).items.map((item) => item.name)).not.toEqual(generateSeedData(7, scale).items.map((item) => item.name));
  });

  it("has unique SKUs with a few on one side only", () => {
    const { items } = generateSeedData(3, scale);
    expect(new Set(items.map((item) => item.sku)).size).toBe(items.length);
    expect(items.some((item) => item.inShop && !item.inVisma)).toBe(true);
    expect(items.some((item) => item.inVisma && !item.inShop)).toBe(true);
    expect(items.filter((item) => item.inShop && item.inVisma).length).toBeGreaterThan(items.length * 0.9);
  });

  it("gives shop users e-mails that partly match Visma customers, sometimes in another case", () => {
    const data = generateSeedData(3, scale);
    const vismaEmails = new Set(data.customers.map((customer) => customer.email));
    const vismaLower = new Set(data.customers.map((customer) => customer.email.toLowerCase()));
    const exact = data.shopUsers.filter((user) => vismaEmails.has(user.email));
    const caseOnly = data.shopUsers.filter((user) => !vismaEmails.has(user.email) && vismaLower.has(user.email.toLowerCase()));
    const fresh = data.shopUsers.filter((user) => !vismaLower.has(user.email.toLowerCase()));
    expect(exact.length).toBeGreaterThan(0);
    expect(caseOnly.length).toBeGreaterThan(0);
    expect(fresh.length).toBeGreaterThan(0);
  });

  it("has varied orders: guests, discounts, multi-line, non-ASCII names, company customers", () => {
    const data = generateSeedData(3, scale);
    expect(data.orders.some((order) => order.userId === 0)).toBe(true);
    expect(data.orders.some((order) => order.lines.some((line) => line.discountPercent > 0))).toBe(true);
    expect(data.orders.some((order) => order.subtotalDiscountPercent > 0)).toBe(true);
    expect(data.orders.some((order) => order.lines.length > 1)).toBe(true);
    expect(data.orders.some((order) => /[^\x00-\x7f]/.test(`${order.firstname}${order.lastname}${order.billing.city}`))).toBe(true);
    expect(data.customers.some((customer) => customer.isCompany && customer.corporateId !== "")).toBe(true);
    expect(new Set(data.orders.map((order) => order.status))).toEqual(new Set(["P", "C", "O", "F", "I", "N"]));
    const ids = data.orders.map((order) => order.orderId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("scales to 100,000 items", () => {
    const data = generateSeedData(1, { products: 100_000, customers: 10, orders: 10 });
    expect(data.items).toHaveLength(100_000);
    expect(data.items[99_999]?.sku).toMatch(/-100000$/);
  });
});
