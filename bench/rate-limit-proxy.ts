/**
 * A fixed-window rate limit in front of the Visma.net simulator. The simulator meters per hour;
 * the benchmark's rate-limited scenario needs "600 calls per minute", so this proxy counts the
 * authenticated API calls (v1 and V3, not the token endpoint) per window, answers the rest 429 with
 * Retry-After, and replaces the X-RateLimit-* headers with its own window's figures.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RateLimitProxy = {
  url: string;
  stats(): { calls: number; rateLimited: number };
  close(): Promise<void>;
};

const isMetered = (path: string) => /^\/(v1|api\/v3)\//i.test(path);

export async function startRateLimitProxy(options: { target: string; limit: number; windowMs: number }): Promise<RateLimitProxy> {
  const target = new URL(options.target);
  let windowStart = Date.now();
  let used = 0;
  let calls = 0;
  let rateLimited = 0;

  const server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    const limitHeaders: Record<string, string> = {};
    if (isMetered(path)) {
      calls++;
      const now = Date.now();
      if (now - windowStart >= options.windowMs) {
        windowStart += Math.floor((now - windowStart) / options.windowMs) * options.windowMs;
        used = 0;
      }
      const resetSeconds = Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000));
      const allowed = used < options.limit;
      if (allowed) used++;
      Object.assign(limitHeaders, {
        "x-ratelimit-limit": String(options.limit),
        "x-ratelimit-remaining": String(Math.max(0, options.limit - used)),
        "x-ratelimit-reset": String(resetSeconds),
      });
      if (!allowed) {
        rateLimited++;
        request.resume();
        response.writeHead(429, { ...limitHeaders, "retry-after": String(resetSeconds), "content-type": "application/json" });
        response.end(JSON.stringify({ message: `You are out of API requests. Retry after ${resetSeconds} seconds` }));
        return;
      }
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path, headers: { ...request.headers, host: target.host } },
      (answer) => {
        const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !name.startsWith("x-ratelimit-")));
        response.writeHead(answer.statusCode ?? 502, { ...headers, ...limitHeaders });
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ calls, rateLimited }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
