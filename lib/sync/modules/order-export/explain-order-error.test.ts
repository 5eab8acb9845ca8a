import { describe, expect, it } from "vitest";
import { AppError } from "../../../errors";
import { explainOrderError } from "./steps";

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
    const error = explainOrderError(
      remote("Inventory item 'A-1' was not found; SIM-InventoryNotSellable: Inventory item 'SRV-12' has status Inactive"),
    );
    expect(error.message).toContain('Article "A-1" does not exist in Visma.net');
    expect(error.message).toContain('Article "SRV-12" is not active for sale in Visma.net. Activate it there, then retry the order.');
  });

  it("leaves other errors as they are", () => {
    const other = remote("1401-MissingTermsId: terms are required");
    expect(explainOrderError(other)).toBe(other);
    const transient = new AppError("REMOTE_UNAVAILABLE", "down");
    expect(explainOrderError(transient)).toBe(transient);
  });
});
