/**
 * The webhook signature (docs/alerts.md, "Verifying a webhook"): header
 * `APIcenter-Signature: t=<UNIX seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`.
 * The time is inside the signed text, so a receiver can refuse old deliveries replayed later.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "APIcenter-Signature";
export const EVENT_ID_HEADER = "APIcenter-Event-Id";

/** A new secret: 32 random bytes, base64url (what the tenant pastes into its receiver). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signWebhook(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** What a receiver does (also the test of the format): recompute, compare in constant time, refuse old times. */
export function verifyWebhookSignature(secret: string, body: string, header: string, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== "string") return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
