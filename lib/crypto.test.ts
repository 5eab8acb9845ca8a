import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptWithKey, encryptWithKey, keyFromBase64 } from "./crypto";
import { AppError } from "./errors";

const key = randomBytes(32);

describe("secret encryption", () => {
  it("round-trips a secret, with a fresh IV each time", () => {
    const first = encryptWithKey("cscart-api-key-ÆØÅ", key);
    const second = encryptWithKey("cscart-api-key-ÆØÅ", key);
    expect(first).not.toEqual(second);
    expect(first).not.toContain("cscart-api-key");
    expect(decryptWithKey(first, key)).toBe("cscart-api-key-ÆØÅ");
    expect(decryptWithKey(second, key)).toBe("cscart-api-key-ÆØÅ");
  });

  it("detects tampering with the ciphertext", () => {
    const payload = encryptWithKey("secret", key);
    const parts = payload.split(":");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = body[0]! ^ 0xff;
    const tampered = [parts[0], parts[1], parts[2], body.toString("base64")].join(":");
    expect(() => decryptWithKey(tampered, key)).toThrowError(/could not be decrypted/);
  });

  it("refuses to decrypt with another key", () => {
    const payload = encryptWithKey("secret", key);
    expect(() => decryptWithKey(payload, randomBytes(32))).toThrowError(AppError);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => keyFromBase64(randomBytes(16).toString("base64"))).toThrowError(/32 bytes/);
    expect(() => keyFromBase64("not base64 at all")).toThrowError(/32 bytes/);
    expect(keyFromBase64(key.toString("base64"))).toHaveLength(32);
  });

  it("rejects a payload in an unknown format", () => {
    expect(() => decryptWithKey("plain-text-secret", key)).toThrowError(/unknown format/);
  });
});
