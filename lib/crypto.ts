/**
 * The one encryption helper: AES-256-GCM for connection secrets at rest.
 *
 * Format "v2:<key id>:<iv b64>:<tag b64>:<ciphertext b64>". The additional authenticated data binds
 * a ciphertext to its tenant and connection kind, so a secret copied into another tenant's row (or
 * from the CS-Cart row into the Visma.net row) fails to decrypt instead of being used there. The key
 * id names the key that encrypted it, so APP_ENCRYPTION_KEY can be rotated: the previous key stays
 * in APP_ENCRYPTION_KEY_PREVIOUS while `npm run rotate-key` re-encrypts every secret (docs/security.md).
 *
 * The older "v1:<iv>:<tag>:<ciphertext>" (no key id, no binding) still decrypts, with any of the
 * keys; `npm run rotate-key` rewrites those as v2.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "./errors";
import { env } from "./env";

const ALGORITHM = "aes-256-gcm";

/** Which tenant and which connection a secret belongs to. */
export type SecretBinding = { tenantId: string; kind: string };

export type Keyring = { current: Buffer; previous: Buffer[] };

export function keyFromBase64(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) {
    throw new AppError("ENCRYPTION_KEY_INVALID", "The encryption key must be 32 bytes, base64-encoded.");
  }
  return key;
}

/** A short, stable name for a key (not the key): the first 8 hex digits of a hash of it. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("apicenter-secret-key-id\n").update(key).digest("hex").slice(0, 8);
}

function additionalData(binding: SecretBinding): Buffer {
  return Buffer.from(`apicenter/connection-secret/${binding.tenantId}/${binding.kind}`, "utf8");
}

export function encryptWithKeys(plaintext: string, binding: SecretBinding, keys: Keyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keys.current, iv);
  cipher.setAAD(additionalData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", keyIdOf(keys.current), iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

const decryptFailed = (cause?: unknown) =>
  new AppError(
    "SECRET_DECRYPT_FAILED",
    "A stored secret could not be decrypted (wrong key, altered data, or it belongs to another connection); enter it again.",
    {
      params: { variant: "undecryptable" },
      ...(cause ? { cause } : {}),
    },
  );

function open(key: Buffer, parts: { iv: string; tag: string; ciphertext: string }, aad: Buffer | undefined): string {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(parts.iv, "base64"));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(parts.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(parts.ciphertext, "base64")), decipher.final()]).toString("utf8");
}

export function decryptWithKeys(payload: string, binding: SecretBinding, keys: Keyring): string {
  const fields = payload.split(":");
  const all = [keys.current, ...keys.previous];
  if (fields[0] === "v2" && fields.length === 5) {
    const [, keyId, iv, tag, ciphertext] = fields as [string, string, string, string, string];
    const key = all.find((candidate) => keyIdOf(candidate) === keyId);
    if (!key) {
      throw new AppError(
        "SECRET_DECRYPT_FAILED",
        `A stored secret was encrypted with a key this server does not have (key id ${keyId}). Set that key as APP_ENCRYPTION_KEY_PREVIOUS, or enter the secret again.`,
        { params: { variant: "unknownKey", keyId } },
      );
    }
    try {
      return open(key, { iv, tag, ciphertext }, additionalData(binding));
    } catch (cause) {
      throw decryptFailed(cause);
    }
  }
  if (fields[0] === "v1" && fields.length === 4) {
    const [, iv, tag, ciphertext] = fields as [string, string, string, string];
    for (const key of all) {
      try {
        return open(key, { iv, tag, ciphertext }, undefined);
      } catch {
        // try the next key
      }
    }
    throw decryptFailed();
  }
  throw new AppError("SECRET_DECRYPT_FAILED", "A stored secret has an unknown format; enter it again.", { params: { variant: "unknownFormat" } });
}

/** True when `payload` is not yet v2 under the current key (what `npm run rotate-key` rewrites). */
export function needsReencryption(payload: string, keys: Keyring): boolean {
  const [version, keyId] = payload.split(":");
  return version !== "v2" || keyId !== keyIdOf(keys.current);
}

/** APP_ENCRYPTION_KEY and, during a rotation, APP_ENCRYPTION_KEY_PREVIOUS. */
export function configuredKeys(): Keyring {
  const { APP_ENCRYPTION_KEY, APP_ENCRYPTION_KEY_PREVIOUS } = env();
  return { current: keyFromBase64(APP_ENCRYPTION_KEY), previous: APP_ENCRYPTION_KEY_PREVIOUS ? [keyFromBase64(APP_ENCRYPTION_KEY_PREVIOUS)] : [] };
}

export function encryptSecret(plaintext: string, binding: SecretBinding): string {
  return encryptWithKeys(plaintext, binding, configuredKeys());
}

export function decryptSecret(payload: string, binding: SecretBinding): string {
  return decryptWithKeys(payload, binding, configuredKeys());
}
