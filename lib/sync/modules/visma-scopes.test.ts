import { describe, expect, it } from "vitest";
import { scopesForModules } from "../../integrations/visma/scopes";
import { SYNC_MODULES } from ".";

describe("the modules' Visma Connect scopes", () => {
  it("ask only for what each module calls, never :delete", () => {
    const byId = (id: string) => SYNC_MODULES.get(id);
    expect(scopesForModules([byId("PRODUCT_IMPORT"), byId("STOCK_SYNC"), byId("CUSTOMER_IMPORT")])).toEqual(["vismanet_erp_service_api:read"]);
    expect(scopesForModules([byId("ORDER_EXPORT")])).toEqual([
      "vismanet_erp_service_api:read",
      "vismanet_erp_service_api:create",
      "visma.net.erp.salesorder:read",
      "visma.net.erp.salesorder:write",
    ]);
    expect(scopesForModules(SYNC_MODULES.modules).join(" ")).not.toMatch(/delete|update/);
  });
});
