import { describe, expect, it } from "vitest";
import { createTestTenant } from "../../../testing/fixtures";
import { db, type Tenant } from "../../db";
import { connectionsReady, evaluatePrerequisites } from "./prerequisites";

describe("connectionsReady", () => {
  it("names, for many tenants at once, the connections each one lacks (a connection without a saved secret counts as missing)", async () => {
    const [both, shopOnly, none, noSecret] = (
      await Promise.all(["ready-both", "ready-shop", "ready-none", "ready-nosecret"].map((label) => createTestTenant(label)))
    ).map(({ tenant }) => tenant) as [Tenant, Tenant, Tenant, Tenant];
    await db.connection.createMany({
      data: [
        { tenantId: both.id, kind: "CSCART", config: {}, encryptedSecret: "x" },
        { tenantId: both.id, kind: "VISMA", config: {}, encryptedSecret: "x" },
        { tenantId: shopOnly.id, kind: "CSCART", config: {}, encryptedSecret: "x" },
        { tenantId: noSecret.id, kind: "CSCART", config: {}, encryptedSecret: "x" },
        { tenantId: noSecret.id, kind: "VISMA", config: {}, encryptedSecret: null },
      ],
    });
    const unmet = await connectionsReady.unmetFor([both.id, shopOnly.id, none.id, noSecret.id]);
    expect(Object.fromEntries(unmet)).toEqual({
      [shopOnly.id]: "The Visma.net connection is not set up yet: fill it in under Connections.",
      [none.id]: "The CS-Cart shop and Visma.net connections are not set up yet: fill it in under Connections.",
      [noSecret.id]: "The Visma.net connection is not set up yet: fill it in under Connections.",
    });
    expect(await connectionsReady.unmetFor([])).toEqual(new Map());
    expect(await evaluatePrerequisites([connectionsReady], both.id)).toEqual([
      { id: "connections-ready", description: connectionsReady.description, met: true, reason: null },
    ]);
  });
});
