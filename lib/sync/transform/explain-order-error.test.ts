import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { explainOrderError } from "./explain-order-error";

const remote = (remoteMessage: string) =>
  new AppError("REMOTE_VALIDATION", "Visma.net SalesOrder rejected the data that was sent.", { details: { remoteMessage } });

describe("order error explanations", () => {
  it("names a missing article and says what to do", () => {
    const error = explainOrderError(remote("1804-InventoryIdNotFound: Inventory item 'KJK-000015' was not found"));
    expect(error.code).toBe("SKU_NOT_FOUND");
    expect(error.kind).toBe("data");
    expect(error.message).toBe('Article "KJK-000015" does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.');
  });

  it("tells a missing article from an inactive one", () => {
    const error = explainOrderError(remote("Inventory item 'A-1' was not found; SIM-InventoryNotSellable: Inventory item 'SRV-12' has status Inactive"));
    expect(error.message).toContain('Article "A-1" does not exist in Visma.net');
    expect(error.message).toContain('Article "SRV-12" is not active for sale in Visma.net. Activate it there, then retry the order.');
  });

  it("turns 1310 into advice that names the shop's shipping method and the Ship via", () => {
    const refused = remote("1310-FreightCostCanNotBeSetManually: Freight cost is not allowed to be set manually according to the Ship Via Code settings");
    const error = explainOrderError(refused, { shippingMethods: [{ id: "3", name: "Hent i butikk" }], shipViaId: "PICKUP" });
    expect(error).toMatchObject({ code: "REMOTE_VALIDATION", kind: "data" });
    expect(error.message).toBe(
      "Visma.net does not let Ship via PICKUP take the shop's freight cost (1310-FreightCostCanNotBeSetManually). In Mappings → Orders, map the shop's shipping method \"Hent i butikk\" (id 3) to a Visma.net Ship via that allows a manual freight cost, or allow it on that Ship via in Visma.net; then retry the order.",
    );
    expect(explainOrderError(refused, { shippingMethods: [{ id: "1", name: "Posten" }] }).message).toContain(
      "the customer's default Ship via (the shop's shipping method is not mapped)",
    );
    expect(explainOrderError(refused).message).toContain("Visma.net does not let this order's Ship via take the shop's freight cost");
  });

  it("names the field Visma.net found too long", () => {
    const error = explainOrderError(remote("0002-InvalidLength: Invalid length (billing.address.line1)"));
    expect(error.message).toBe(
      "Visma.net refused a value on this order as too long (billing.address.line1) (0002-InvalidLength). Shorten it in the CS-Cart order, then retry the order.",
    );
  });

  it("points refusals of what the order mapping names at the mapping", () => {
    const payment = explainOrderError(remote("1403-InactivePaymentMethodId: Payment methods set for order is inactive"));
    expect(payment.code).toBe("MAPPING_INVALID");
    expect(payment.message).toMatch(/^Visma.net refused the payment method or terms .* Mappings → Orders .*then retry the order. Visma.net said: /);
    expect(explainOrderError(remote("1809-InvalidQuantityForType: Quantity must be zero or positive")).message).toContain("needs a misc. charge item");
    expect(explainOrderError(remote("1805-InvalidTaxCategoryId: Invalid TaxCategoryId")).message).toContain("tax categories in Mappings → Orders");
  });

  it("leaves other errors as they are", () => {
    const other = remote("1401-MissingTermsId: terms are required");
    expect(explainOrderError(other)).toBe(other);
    const transient = new AppError("REMOTE_UNAVAILABLE", "down");
    expect(explainOrderError(transient)).toBe(transient);
  });
});
