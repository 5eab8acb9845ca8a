import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptWithKeys, encryptWithKeys, keyFromBase64, keyIdOf, needsReencryption, type Keyring } from "./crypto";
import { AppError } from "./errors";

const key = randomBytes(32);
const keys: Keyring = { current: key, previous: [] };
const shopA = { tenantId: "6f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11", kind: "CSCART" };
const shopB = { tenantId: "0b7c2f61-52c4-4d8e-8f0a-9d3e1c2b4a55", kind: "CSCART" };

/** A secret as the first release stored it: "v1:iv:tag:ciphertext", no key id, no binding. */
function legacyV1(plaintext: string, withKey: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", withKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

describe("secret encryption", () => {
  it("round-trips a secret, with a fresh IV each time and the key's id", () => {
    const first = encryptWithKeys("cscart-api-key-ÆØÅ", shopA, keys);
    const second = encryptWithKeys("cscart-api-key-ÆØÅ", shopA, keys);
    expect(first).not.toEqual(second);
    expect(first).not.toContain("cscart-api-key");
    expect(first.split(":").slice(0, 2)).toEqual(["v2", keyIdOf(key)]);
    expect(decryptWithKeys(first, shopA, keys)).toBe("cscart-api-key-ÆØÅ");
    expect(decryptWithKeys(second, shopA, keys)).toBe("cscart-api-key-ÆØÅ");
  });

  it("fails to decrypt a ciphertext swapped into another tenant's or another connection's row", () => {
    const payload = encryptWithKeys("secret", shopA, keys);
    expect(() => decryptWithKeys(payload, shopB, keys)).toThrowError(/could not be decrypted/);
    expect(() => decryptWithKeys(payload, { ...shopA, kind: "VISMA" }, keys)).toThrowError(/could not be decrypted/);
  });

  it("detects tampering with the ciphertext", () => {
    const payload = encryptWithKeys("secret", shopA, keys);
    const parts = payload.split(":");
    const body = Buffer.from(parts[4]!, "base64");
    body[0] = body[0]! ^ 0xff;
    const tampered = [...parts.slice(0, 4), body.toString("base64")].join(":");
    expect(() => decryptWithKeys(tampered, shopA, keys)).toThrowError(/could not be decrypted/);
  });

  it("decrypts with the previous key during a rotation, and names a key it does not have", () => {
    const oldKey = randomBytes(32);
    const payload = encryptWithKeys("secret", shopA, { current: oldKey, previous: [] });
    const rotating = { current: key, previous: [oldKey] };
    expect(decryptWithKeys(payload, shopA, rotating)).toBe("secret");
    expect(needsReencryption(payload, rotating)).toBe(true);
    expect(needsReencryption(encryptWithKeys("secret", shopA, rotating), rotating)).toBe(false);
    expect(() => decryptWithKeys(payload, shopA, keys)).toThrowError(new RegExp(`key id ${keyIdOf(oldKey)}.*APP_ENCRYPTION_KEY_PREVIOUS`));
  });

  it("still decrypts secrets stored before key ids and bindings, with either key, and marks them for re-encryption", () => {
    const oldKey = randomBytes(32);
    expect(decryptWithKeys(legacyV1("old-secret", key), shopA, keys)).toBe("old-secret");
    expect(decryptWithKeys(legacyV1("old-secret", oldKey), shopA, { current: key, previous: [oldKey] })).toBe("old-secret");
    expect(needsReencryption(legacyV1("old-secret", key), keys)).toBe(true);
    expect(() => decryptWithKeys(legacyV1("old-secret", oldKey), shopA, keys)).toThrowError(AppError);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => keyFromBase64(randomBytes(16).toString("base64"))).toThrowError(/32 bytes/);
    expect(() => keyFromBase64("not base64 at all")).toThrowError(/32 bytes/);
    expect(keyFromBase64(key.toString("base64"))).toHaveLength(32);
  });

  it("rejects a payload in an unknown format", () => {
    expect(() => decryptWithKeys("plain-text-secret", shopA, keys)).toThrowError(/unknown format/);
  });
});
