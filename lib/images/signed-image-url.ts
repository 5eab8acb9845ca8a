/**
 * Product pictures: Visma.net attachments need the bearer token, and CS-Cart can only take an
 * image by URL. So the shop is given a URL on APIcenter that is signed (HMAC-SHA256) and expires;
 * the route behind it fetches the attachment from the tenant's Visma.net and streams it back.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "../env";
import { AppError } from "../errors";

/**
 * Long enough for the shop to fetch it right after the product write (CS-Cart downloads the
 * picture while it saves the product), short enough to be useless later: a later write signs a
 * new link.
 */
export const IMAGE_URL_LIFETIME_SECONDS = 60 * 60;

const TokenPayloadSchema = z.object({ t: z.uuid(), a: z.string().min(1).max(200), n: z.string().max(200), e: z.number().int() });
export type ImageTokenPayload = { tenantId: string; attachmentId: string; name: string; expiresAt: number };

function signature(body: string): Buffer {
  // A key of its own, derived from the encryption key, so the two uses never share a key.
  const key = createHmac("sha256", Buffer.from(env().APP_ENCRYPTION_KEY, "base64")).update("image-url-v1").digest();
  return createHmac("sha256", key).update(body).digest();
}

export function signImageToken(payload: Omit<ImageTokenPayload, "expiresAt">, now = Date.now()): string {
  const body = Buffer.from(
    JSON.stringify({ t: payload.tenantId, a: payload.attachmentId, n: payload.name, e: Math.floor(now / 1000) + IMAGE_URL_LIFETIME_SECONDS }),
  ).toString("base64url");
  return `${body}.${signature(body).toString("base64url")}`;
}

export function verifyImageToken(token: string, now = Date.now()): ImageTokenPayload {
  const [body, mac] = token.split(".");
  if (!body || !mac) throw new AppError("NOT_FOUND", "Unknown image link.");
  const expected = signature(body);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("NOT_FOUND", "Unknown image link.");
  const parsed = TokenPayloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  if (!parsed.success) throw new AppError("NOT_FOUND", "Unknown image link.");
  if (parsed.data.e * 1000 < now) throw new AppError("NOT_FOUND", "This image link has expired.");
  return { tenantId: parsed.data.t, attachmentId: parsed.data.a, name: parsed.data.n, expiresAt: parsed.data.e };
}

export function signedImageUrl(payload: Omit<ImageTokenPayload, "expiresAt">): string {
  const safeName = encodeURIComponent(payload.name || "image");
  return `${env().PUBLIC_BASE_URL}/api/images/${signImageToken(payload)}?name=${safeName}`;
}
