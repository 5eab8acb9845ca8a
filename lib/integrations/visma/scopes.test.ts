import { describe, expect, it } from "vitest";
import { ScopeListSchema, scopesForModules } from "./scopes";

describe("Visma Connect scopes", () => {
  it("asks for read plus what each enabled module declares, each once, in a stable order", () => {
    expect(scopesForModules([])).toEqual(["vismanet_erp_service_api:read"]);
    expect(
      scopesForModules([
        { vismaScopes: ["visma.net.erp.salesorder:write"] },
        { vismaScopes: ["vismanet_erp_service_api:read", "vismanet_erp_service_api:create"] },
      ]),
    ).toEqual(["vismanet_erp_service_api:read", "vismanet_erp_service_api:create", "visma.net.erp.salesorder:write"]);
  });

  it("reads a typed scope list (spaces, commas or lines; each once) and names an unknown scope", () => {
    expect(ScopeListSchema.parse(" vismanet_erp_service_api:read,\nvisma.net.erp.salesorder:read  vismanet_erp_service_api:read ")).toBe(
      "vismanet_erp_service_api:read visma.net.erp.salesorder:read",
    );
    const result = ScopeListSchema.safeParse("vismanet_erp_service_api:read everything:all");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^"everything:all" is not a Visma.net scope APIcenter knows/);
  });
});
