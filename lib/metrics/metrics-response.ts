/**
 * The /api/metrics answer, shared by the web route and the worker's HTTP port. Off (404) unless
 * METRICS_TOKEN is set; then only `Authorization: Bearer <METRICS_TOKEN>` gets the series.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { metrics } from "./metrics";

export type PlainResponse = { status: number; headers: Record<string, string>; body: string };

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function metricsResponse(authorization: string | null | undefined, token = env().METRICS_TOKEN): Promise<PlainResponse> {
  const text = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!token) return { status: 404, headers: text, body: "Not found: metrics are off (set METRICS_TOKEN to turn them on).\n" };
  const given = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
  if (!given || !sameSecret(given, token)) {
    return {
      status: 401,
      headers: { ...text, "www-authenticate": 'Bearer realm="metrics"' },
      body: "Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n",
    };
  }
  const { registry } = metrics();
  return { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" }, body: await registry.metrics() };
}
