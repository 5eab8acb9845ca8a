import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "../crypto";
import { db } from "../db";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 13 });
});
afterAll(async () => h?.close());

describe("connection health from sync runs", () => {
  it("marks both connections OK after a run that reached them", async () => {
    await h.run("STOCK_SYNC");
    const connections = await db.connection.findMany({ where: { tenantId: h.tenant.id } });
    expect(connections.map((c) => c.status)).toEqual(["OK", "OK"]);
    expect(connections.every((c) => c.lastCheckedAt !== null)).toBe(true);
  });

  it("turns the Visma.net connection red with the reason when its secret is wrong", async () => {
    await db.connection.update({
      where: { tenantId_kind: { tenantId: h.tenant.id, kind: "VISMA" } },
      data: { encryptedSecret: encryptSecret("not-the-secret", { tenantId: h.tenant.id, kind: "VISMA" }) },
    });
    const summary = await h.run("PRODUCT_IMPORT");
    expect(summary.status).toBe("FAILED");
    const visma = await db.connection.findUniqueOrThrow({ where: { tenantId_kind: { tenantId: h.tenant.id, kind: "VISMA" } } });
    const cscart = await db.connection.findUniqueOrThrow({ where: { tenantId_kind: { tenantId: h.tenant.id, kind: "CSCART" } } });
    expect(visma.status).toBe("FAILING");
    expect(visma.lastError).toMatch(/client (id|secret)/i);
    expect(cscart.status).toBe("OK");
  });
});
