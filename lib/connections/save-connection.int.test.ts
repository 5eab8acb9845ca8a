import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { decryptSecret } from "../crypto";
import { db } from "../db";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { createTestTenant } from "../../testing/fixtures";
import { getConnections } from "./get-connections";
import { saveConnection } from "./save-connection";
import { testConnection } from "./test-connection";

async function adminOf(label: string) {
  const { tenant, users } = await createTestTenant(label);
  return resolveTenantAccess(users.ADMIN.id, tenant.slug, "ADMIN");
}

/** A port where nothing listens: open a server, note its port, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("saving and testing connections", () => {
  it("needs the secret the first time, stores it encrypted, and never returns or audits it", async () => {
    const actor = await adminOf("conn-save");
    const config = { shopUrl: "https://shop.example.com/", adminEmail: "Admin@Example.com" };
    await expect(saveConnection(actor, "CSCART", config)).rejects.toMatchObject({ details: { fields: { secret: "the API key is required" } } });
    await saveConnection(actor, "CSCART", { ...config, secret: "key-123-very-secret" });

    const row = await db.connection.findFirstOrThrow({ where: { tenantId: actor.tenant.id, kind: "CSCART" } });
    expect(row.encryptedSecret).not.toContain("key-123");
    expect(decryptSecret(row.encryptedSecret!, { tenantId: actor.tenant.id, kind: "CSCART" })).toBe("key-123-very-secret");
    expect(row.config).toEqual({ shopUrl: "https://shop.example.com", adminEmail: "admin@example.com" });

    const [cscart, visma] = await getConnections(actor.tenant.id);
    expect(cscart).toMatchObject({ kind: "CSCART", secretSet: true, status: "UNTESTED" });
    expect(visma).toMatchObject({ kind: "VISMA", secretSet: false, config: { erpBaseUrl: "https://api.finance.visma.net" } });
    const audit = await db.auditEvent.findMany({ where: { tenantId: actor.tenant.id }, select: { detail: true, target: true } });
    const everything = JSON.stringify([await getConnections(actor.tenant.id), audit]);
    expect(everything).not.toContain("key-123");
    expect(everything).not.toContain(row.encryptedSecret!);
  });

  it("keeps the stored secret when the field is left blank, and resets the status when settings change", async () => {
    const actor = await adminOf("conn-keep");
    await saveConnection(actor, "CSCART", { shopUrl: "https://a.example.com", adminEmail: "a@example.com", secret: "first-key" });
    await db.connection.updateMany({ where: { tenantId: actor.tenant.id }, data: { status: "OK", lastCheckedAt: new Date() } });
    await saveConnection(actor, "CSCART", { shopUrl: "https://a.example.com", adminEmail: "b@example.com", secret: "" });
    const row = await db.connection.findFirstOrThrow({ where: { tenantId: actor.tenant.id, kind: "CSCART" } });
    expect(decryptSecret(row.encryptedSecret!, { tenantId: actor.tenant.id, kind: "CSCART" })).toBe("first-key");
    expect(row.status).toBe("UNTESTED");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: actor.tenant.id }, orderBy: { id: "desc" } });
    expect(audit.detail).toEqual({ changes: { adminEmail: { from: "a@example.com", to: "b@example.com" } }, secretChanged: false });
  });

  it("needs the secret typed again when any address changes, so a stored one never follows a new address", async () => {
    const actor = await adminOf("conn-move");
    await saveConnection(actor, "CSCART", { shopUrl: "https://a.example.com", adminEmail: "a@example.com", secret: "shop-key" });
    await expect(saveConnection(actor, "CSCART", { shopUrl: "https://attacker.example", adminEmail: "a@example.com", secret: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("Enter the API key again: shopUrl changed"),
      details: { fields: { secret: "type the API key again when an address changes" } },
    });
    const visma = {
      clientId: "c",
      tenantId: "t",
      tokenUrl: "https://connect.visma.com/connect/token",
      erpBaseUrl: "https://api.finance.visma.net",
      salesOrderBaseUrl: "https://salesorder.visma.net",
    };
    await saveConnection(actor, "VISMA", { ...visma, secret: "visma-secret" });
    for (const field of ["tokenUrl", "erpBaseUrl", "salesOrderBaseUrl"] as const) {
      await expect(saveConnection(actor, "VISMA", { ...visma, [field]: "https://attacker.example/x", secret: "" })).rejects.toMatchObject({
        details: { fields: { secret: expect.any(String) } },
      });
    }
    const rows = await db.connection.findMany({ where: { tenantId: actor.tenant.id }, orderBy: { kind: "asc" } });
    expect(rows.map((row) => row.config)).toEqual([{ shopUrl: "https://a.example.com", adminEmail: "a@example.com" }, visma]);
    // With the secret typed again, the move is saved.
    await saveConnection(actor, "CSCART", { shopUrl: "https://b.example.com", adminEmail: "a@example.com", secret: "shop-key" });
    expect((await getConnections(actor.tenant.id))[0]!.config.shopUrl).toBe("https://b.example.com");
  });

  it("refuses to test a shop on a private address, without connecting, and says why", async () => {
    const actor = await adminOf("conn-private");
    await saveConnection(actor, "CSCART", { shopUrl: "http://169.254.169.254/latest", adminEmail: "a@example.com", secret: "k" });
    const result = await testConnection(actor, "CSCART");
    expect(result.status).toBe("FAILING");
    expect(result.message).toContain("169.254.169.254, which is not a public internet address");
  });

  it("marks an unreachable shop FAILING with a reason in plain words", async () => {
    const actor = await adminOf("conn-test");
    const shopUrl = `http://127.0.0.1:${await closedPort()}`;
    allowLocalServers(shopUrl);
    await saveConnection(actor, "CSCART", { shopUrl, adminEmail: "a@example.com", secret: "k" });
    const result = await testConnection(actor, "CSCART");
    expect(result.status).toBe("FAILING");
    expect(result.message.length).toBeGreaterThan(10);
    const [cscart] = await getConnections(actor.tenant.id);
    expect(cscart).toMatchObject({ status: "FAILING", lastError: result.message });
    expect(cscart!.lastCheckedAt).toBeInstanceOf(Date);
    // Stored with its code and params, so the dashboard can word it in the reader's language.
    expect(result).toMatchObject({ code: "REMOTE_NETWORK", params: { variant: "unreachable", remote: "cscart" } });
    expect(cscart).toMatchObject({ lastErrorCode: "REMOTE_NETWORK", lastErrorParams: result.params });
  });

  it("says what to do when a connection is not set up", async () => {
    const actor = await adminOf("conn-missing");
    const result = await testConnection(actor, "VISMA");
    expect(result).toMatchObject({ status: "FAILING", message: expect.stringContaining("not set up"), code: "CONNECTION_MISSING", params: { kind: "VISMA" } });
  });
});
