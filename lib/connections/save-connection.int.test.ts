import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { decryptSecret } from "../crypto";
import { db } from "../db";
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
    expect(decryptSecret(row.encryptedSecret!)).toBe("key-123-very-secret");
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
    await saveConnection(actor, "CSCART", { shopUrl: "https://b.example.com", adminEmail: "a@example.com", secret: "" });
    const row = await db.connection.findFirstOrThrow({ where: { tenantId: actor.tenant.id, kind: "CSCART" } });
    expect(decryptSecret(row.encryptedSecret!)).toBe("first-key");
    expect(row.status).toBe("UNTESTED");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: actor.tenant.id }, orderBy: { id: "desc" } });
    expect(audit.detail).toEqual({ changes: { shopUrl: { from: "https://a.example.com", to: "https://b.example.com" } }, secretChanged: false });
  });

  it("marks an unreachable shop FAILING with a reason in plain words", async () => {
    const actor = await adminOf("conn-test");
    await saveConnection(actor, "CSCART", { shopUrl: `http://127.0.0.1:${await closedPort()}`, adminEmail: "a@example.com", secret: "k" });
    const result = await testConnection(actor, "CSCART");
    expect(result.status).toBe("FAILING");
    expect(result.message.length).toBeGreaterThan(10);
    const [cscart] = await getConnections(actor.tenant.id);
    expect(cscart).toMatchObject({ status: "FAILING", lastError: result.message });
    expect(cscart!.lastCheckedAt).toBeInstanceOf(Date);
    // Stored with its code and params, so the dashboard can word it in the reader's language.
    expect(result).toMatchObject({ code: "REMOTE_NETWORK", params: { variant: "network", reason: "refused", remote: "cscart" } });
    expect(cscart).toMatchObject({ lastErrorCode: "REMOTE_NETWORK", lastErrorParams: result.params });
  });

  it("says what to do when a connection is not set up", async () => {
    const actor = await adminOf("conn-missing");
    const result = await testConnection(actor, "VISMA");
    expect(result).toMatchObject({ status: "FAILING", message: expect.stringContaining("not set up"), code: "CONNECTION_MISSING", params: { kind: "VISMA" } });
  });
});
