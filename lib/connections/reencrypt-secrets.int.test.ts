import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configuredKeys, decryptSecret, encryptWithKeys, keyIdOf } from "../crypto";
import { db } from "../db";
import { createTestTenant } from "../../testing/fixtures";
import { loadCscartClient } from "./load-connectors";
import { reencryptSecrets } from "./reencrypt-secrets";

/** How the first release stored a secret: "v1:iv:tag:ciphertext", no key id, no binding. */
function legacyV1(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

const cscartConfig = { shopUrl: "https://shop.example.com", adminEmail: "admin@example.com" };

describe("stored secrets", () => {
  it("a secret copied into another tenant's connection does not decrypt there", async () => {
    const a = await createTestTenant("swap-a");
    const b = await createTestTenant("swap-b");
    const keys = configuredKeys();
    const secretOfA = encryptWithKeys("key-of-a", { tenantId: a.tenant.id, kind: "CSCART" }, keys);
    await db.connection.create({ data: { tenantId: a.tenant.id, kind: "CSCART", config: cscartConfig, encryptedSecret: secretOfA } });
    await db.connection.create({ data: { tenantId: b.tenant.id, kind: "CSCART", config: cscartConfig, encryptedSecret: secretOfA } });
    await expect(loadCscartClient(a.tenant.id)).resolves.toBeDefined();
    await expect(loadCscartClient(b.tenant.id)).rejects.toMatchObject({ code: "SECRET_DECRYPT_FAILED" });
  });

  it("npm run rotate-key re-encrypts old-key and pre-key-id secrets with the current key, once", async () => {
    const { tenant } = await createTestTenant("rotate");
    const current = configuredKeys().current;
    const oldKey = randomBytes(32);
    await db.connection.createMany({
      data: [
        { tenantId: tenant.id, kind: "CSCART", config: cscartConfig, encryptedSecret: legacyV1("legacy-api-key", current) },
        {
          tenantId: tenant.id,
          kind: "VISMA",
          config: {},
          encryptedSecret: encryptWithKeys("old-key-secret", { tenantId: tenant.id, kind: "VISMA" }, { current: oldKey, previous: [] }),
        },
      ],
    });
    const rotating = { current, previous: [oldKey] };
    const first = await reencryptSecrets(rotating);
    expect(first.failed.filter((failure) => failure.tenantId === tenant.id)).toEqual([]);

    const rows = await db.connection.findMany({ where: { tenantId: tenant.id }, orderBy: { kind: "asc" } });
    for (const row of rows) expect(row.encryptedSecret!.split(":").slice(0, 2)).toEqual(["v2", keyIdOf(current)]);
    // Now readable with the current key alone, bound to their rows.
    expect(rows.map((row) => decryptSecret(row.encryptedSecret!, { tenantId: tenant.id, kind: row.kind }))).toEqual(["legacy-api-key", "old-key-secret"]);

    const again = await reencryptSecrets(rotating);
    const unchanged = await db.connection.findMany({ where: { tenantId: tenant.id }, orderBy: { kind: "asc" } });
    expect(unchanged.map((row) => row.encryptedSecret)).toEqual(rows.map((row) => row.encryptedSecret));
    expect(again.failed.filter((failure) => failure.tenantId === tenant.id)).toEqual([]);
  });
});
