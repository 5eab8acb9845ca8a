/**
 * The one encryption helper: AES-256-GCM for connection secrets at rest.
 * Format: "v1:<iv b64>:<tag b64>:<ciphertext b64>". The auth tag makes any tampering fail loudly.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "./errors";
import { env } from "./env";

const ALGORITHM = "aes-256-gcm";

export function keyFromBase64(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) {
    throw new AppError("ENCRYPTION_KEY_INVALID", "The encryption key must be 32 bytes, base64-encoded.");
  }
  return key;
}

export function encryptWithKey(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptWithKey(payload: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = payload.split(":");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) {
    throw new AppError("SECRET_DECRYPT_FAILED", "A stored secret has an unknown format; enter it again.");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new AppError(
      "SECRET_DECRYPT_FAILED",
      "A stored secret could not be decrypted (wrong key or altered data); enter it again.",
      { cause },
    );
  }
}

export function encryptSecret(plaintext: string): string {
  return encryptWithKey(plaintext, keyFromBase64(env().APP_ENCRYPTION_KEY));
}

export function decryptSecret(payload: string): string {
  return decryptWithKey(payload, keyFromBase64(env().APP_ENCRYPTION_KEY));
}
