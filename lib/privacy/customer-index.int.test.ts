/**
 * The customer index (e-mail → Visma.net customer number, for order export) holds no e-mail
 * address and no plain hash of one: an HMAC keyed with the tenant's own salt, so the same address
 * gives another key in every tenant and a list of hashed addresses matches nothing.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { createTestTenant } from "../../testing/fixtures";
import { db } from "../db";
import { emailHash } from "../sync/modules/order-export/customer-directory";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 51, cscart: { orders: 3 }, visma: { orders: 0, customers: 10 } });
});
afterAll(async () => h?.close());

describe("the customer index", () => {
  it("stores keyed hashes with a salt of each tenant's own", async () => {
    const customer = h.visma.upsertCustomer({ name: "Kari Nordmann", email: "Kari.Nordmann@Example.no" });
    await h.run("ORDER_EXPORT");
    const rows = await db.vismaCustomerIndex.findMany({ where: { tenantId: h.tenant.id } });
    expect(rows.length).toBeGreaterThan(0);
    const { customerIndexSalt } = await db.tenant.findUniqueOrThrow({ where: { id: h.tenant.id } });
    const row = rows.find((candidate) => candidate.customerNumber === customer.number)!;
    expect(row.emailHash).toBe(emailHash(customerIndexSalt, "kari.nordmann@example.no"));
    expect(row.emailHash).not.toBe(createHash("sha256").update("kari.nordmann@example.no").digest("hex"));
    expect(JSON.stringify(rows)).not.toMatch(/nordmann/i);

    const other = await createTestTenant("salted");
    const otherSalt = (await db.tenant.findUniqueOrThrow({ where: { id: other.tenant.id } })).customerIndexSalt;
    expect(otherSalt).toMatch(/^[0-9a-f]{64}$/);
    expect(otherSalt).not.toBe(customerIndexSalt);
    expect(emailHash(otherSalt, "kari.nordmann@example.no")).not.toBe(row.emailHash);
  });
});
