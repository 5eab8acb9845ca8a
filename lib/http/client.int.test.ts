import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { HttpClient, requestJson } from "./client";
import { caughtAppError } from "./caught-app-error";
import { CallMeter } from "./meter";

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** A tiny server whose routes misbehave on purpose. Records when each path was hit. */
let server: Server;
let baseUrl: string;
const hits = new Map<string, number[]>();
const routes = new Map<string, Handler>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const times = hits.get(path) ?? [];
    times.push(Date.now());
    hits.set(path, times);
    req.resume();
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found","status":404}');
      return;
    }
    handler(req, res, times.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  allowLocalServers(baseUrl);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function newClient(meter = new CallMeter(), extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  // A fresh tenant per client so the shared per-key limiter starts clean.
  return new HttpClient(
    { tenantId: randomUUID(), meter, timeoutMs: 5000, backoff: { baseDelayMs: 10, maxDelayMs: 5000 }, ...extra },
    "test",
    "the test remote",
  );
}

const OkSchema = z.object({ ok: z.literal(true) });

describe("HttpClient against a real HTTP server", () => {
  it("retries a GET on 5xx until it succeeds and meters every attempt", async () => {
    routes.set("/flaky", (_req, res, hit) => (hit < 3 ? json(res, 503, { message: "busy" }) : json(res, 200, { ok: true })));
    const meter = new CallMeter();
    const result = await requestJson(OkSchema, newClient(meter), { method: "GET", url: `${baseUrl}/flaky` });
    expect(result).toEqual({ ok: true });
    expect(meter.snapshot().test).toEqual({ calls: 3, retries: 2, rateLimited: 0, failures: 2 });
  });

  it("does not retry a POST on 5xx and flags the outcome as unknown", async () => {
    routes.set("/post-500", (_req, res) => json(res, 500, { title: "Server error", detail: "database timeout" }));
    const meter = new CallMeter();
    const error = await caughtAppError(newClient(meter).send({ method: "POST", url: `${baseUrl}/post-500`, json: { a: 1 } }));
    expect(error.code).toBe("REMOTE_UNAVAILABLE");
    expect(error.details?.outcomeUnknown).toBe(true);
    expect(error.message).toContain("database timeout");
    expect(hits.get("/post-500")).toHaveLength(1);
    expect(meter.snapshot().test?.calls).toBe(1);
  });

  it("honours Retry-After on 429 before trying again", async () => {
    routes.set("/throttled", (_req, res, hit) => (hit === 1 ? json(res, 429, { message: "slow down" }, { "retry-after": "1" }) : json(res, 200, { ok: true })));
    const meter = new CallMeter();
    await requestJson(OkSchema, newClient(meter), { method: "GET", url: `${baseUrl}/throttled` });
    const [first, second] = hits.get("/throttled") ?? [];
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(meter.snapshot().test).toMatchObject({ calls: 2, rateLimited: 1, retries: 1 });
  });

  it("gives REMOTE_RATE_LIMITED with retryAfterMs when retries run out", async () => {
    routes.set("/always-429", (_req, res) => json(res, 429, { message: "quota" }, { "retry-after": "3600" }));
    const error = await caughtAppError(newClient().send({ method: "GET", url: `${baseUrl}/always-429` }));
    expect(error.code).toBe("REMOTE_RATE_LIMITED");
    expect(error.details?.retryAfterMs).toBe(3_600_000);
    expect(typeof error.details?.retryAt).toBe("string");
    expect(hits.get("/always-429")).toHaveLength(1); // an hour is longer than the allowed wait
  });

  it("sends an identical failing GET at most three times a minute, then holds it back without sending", async () => {
    routes.set("/down", (_req, res) => json(res, 503, { message: "down for maintenance" }));
    const meter = new CallMeter();
    const client = newClient(meter, { maxAttempts: 10 });
    const first = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/down` }));
    expect(first.code).toBe("REMOTE_UNAVAILABLE");
    expect(hits.get("/down")).toHaveLength(3);
    const again = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/down` }));
    expect(again).toMatchObject({ code: "REMOTE_UNAVAILABLE", details: { notSent: true, retryAt: expect.any(String) } });
    expect(again.message).toContain("failed this request several times in the last minute (GET /down), so it is not sent again before");
    expect(Date.parse(String(again.details?.retryAt)) - Date.now()).toBeGreaterThan(30_000);
    expect(hits.get("/down")).toHaveLength(3);
    // Another request (here: another query) is not identical and is sent.
    await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/down`, query: { page: 2 } }));
    expect(hits.get("/down")).toHaveLength(6);
    expect(meter.snapshot().test).toMatchObject({ calls: 6, retries: 4 });
  });

  it("does not sleep through a long Retry-After: it says until when, and sends nothing more on that key", async () => {
    routes.set("/quota", (_req, res) => json(res, 429, { message: "You are out of API requests. Retry after 600 seconds" }, { "retry-after": "600" }));
    routes.set("/other", (_req, res) => json(res, 200, { ok: true }));
    const client = newClient();
    const limited = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/quota` }));
    expect(limited).toMatchObject({ code: "REMOTE_RATE_LIMITED", kind: "transient", details: { retryAfterMs: 600_000 } });
    const retryAt = Date.parse(String(limited.details?.retryAt));
    expect(Math.abs(retryAt - (Date.now() + 600_000))).toBeLessThan(60_000);
    const held = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/other` }));
    expect(held).toMatchObject({ code: "REMOTE_RATE_LIMITED", details: { notSent: true } });
    expect(Math.abs(Date.parse(String(held.details?.retryAt)) - retryAt)).toBeLessThan(60_000);
    expect(held.message).toMatch(/^The test remote allows no more requests until \d\d:\d\d:\d\d UTC \(rate limit\); nothing was sent \(GET \/other\)/);
    expect(hits.get("/other")).toBeUndefined();
  });

  it("does not wait for a rate-limit window that resets in half an hour either", async () => {
    routes.set("/spent", (_req, res) =>
      json(res, 200, { ok: true }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800", "x-ratelimit-limit": "500" }),
    );
    const client = newClient();
    await client.send({ method: "GET", url: `${baseUrl}/spent` });
    const error = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/spent` }));
    expect(error).toMatchObject({ code: "REMOTE_RATE_LIMITED", details: { notSent: true } });
    expect(Date.parse(String(error.details?.retryAt)) - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(hits.get("/spent")).toHaveLength(1);
  });

  it("paces the next request when the remote reports no calls left", async () => {
    routes.set("/budget", (_req, res) => json(res, 200, { ok: true }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" }));
    const client = newClient();
    await client.send({ method: "GET", url: `${baseUrl}/budget` });
    await client.send({ method: "GET", url: `${baseUrl}/budget` });
    const [first, second] = hits.get("/budget") ?? [];
    expect(second! - first!).toBeGreaterThanOrEqual(900);
  });

  it("turns a POST timeout into REMOTE_TIMEOUT with outcomeUnknown and does not resend it", async () => {
    routes.set("/hang", () => undefined); // never answers
    const error = await caughtAppError(newClient(new CallMeter(), { timeoutMs: 300 }).send({ method: "POST", url: `${baseUrl}/hang`, json: {} }));
    expect(error.code).toBe("REMOTE_TIMEOUT");
    expect(error.details?.outcomeUnknown).toBe(true);
    expect(hits.get("/hang")).toHaveLength(1);
  });

  it("reports a refused connection as REMOTE_NETWORK with a known outcome", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    allowLocalServers(`http://127.0.0.1:${port}`);
    const error = await caughtAppError(newClient(new CallMeter(), { maxAttempts: 1 }).send({ method: "POST", url: `http://127.0.0.1:${port}/x`, json: {} }));
    expect(error.code).toBe("REMOTE_NETWORK");
    expect(error.details?.outcomeUnknown).toBe(false);
    expect(error.message).toContain("could not be reached or did not answer");
  });

  it("gives REMOTE_BAD_RESPONSE naming the endpoint for invalid JSON and for a wrong shape", async () => {
    routes.set("/html", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"));
    routes.set("/shape", (_req, res) => json(res, 200, { ok: "yes" }));
    const invalid = await caughtAppError(requestJson(OkSchema, newClient(), { method: "GET", url: `${baseUrl}/html` }));
    expect(invalid.code).toBe("REMOTE_BAD_RESPONSE");
    expect(invalid.message).toContain("GET /html");
    const wrong = await caughtAppError(requestJson(OkSchema, newClient(), { method: "GET", url: `${baseUrl}/shape` }));
    expect(wrong.code).toBe("REMOTE_BAD_RESPONSE");
    expect(wrong.message).toMatch(/GET \/shape.*ok:/);
  });

  it("never puts credentials into errors or events", async () => {
    routes.set("/auth", (_req, res) => json(res, 401, { message: "Unauthorized" }, { "www-authenticate": "Basic" }));
    const events: unknown[] = [];
    const error = await caughtAppError(
      newClient(new CallMeter(), { onEvent: (event) => events.push(event) }).send({
        method: "GET",
        url: `${baseUrl}/auth`,
        query: { email: "kari@example.no" },
        headers: { authorization: "Basic c2VjcmV0OnNlY3JldA==" },
      }),
    );
    expect(error.code).toBe("REMOTE_AUTH_FAILED");
    const serialized = JSON.stringify({ error: error.toJSON(), events });
    expect(serialized).not.toContain("c2VjcmV0");
    expect(serialized).not.toContain("kari@example.no");
  });
});

describe("HttpClient limits", () => {
  it("refuses an answer past the size cap while streaming, and stops reading it", async () => {
    let written = 0;
    let closedEarly = false;
    routes.set("/endless", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(256 * 1024, 32);
      const timer = setInterval(() => {
        written += chunk.length;
        res.write(chunk);
      }, 5);
      res.on("close", () => {
        clearInterval(timer);
        closedEarly = !res.writableFinished;
      });
    });
    const error = await caughtAppError(newClient().send({ method: "GET", url: `${baseUrl}/endless`, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe("REMOTE_BAD_RESPONSE");
    expect(error.message).toContain("sent more than 1 MB in answer to GET /endless");
    await expect.poll(() => closedEarly).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared Content-Length past the cap without reading the body", async () => {
    routes.set("/declared", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(30 * 1024 * 1024) });
      res.write("{");
    });
    const error = await caughtAppError(newClient().send({ method: "GET", url: `${baseUrl}/declared` }));
    expect(error.message).toContain("sent more than 20 MB");
  });

  it("follows up to 3 redirects for a GET, and refuses a 4th", async () => {
    for (const [from, to] of [
      ["/r1", "/r2"],
      ["/r2", "/r3"],
      ["/r3", "/r4"],
      ["/r4", "/ok"],
    ]) {
      routes.set(from!, (_req, res) => res.writeHead(302, { location: to! }).end());
    }
    routes.set("/ok", (_req, res) => json(res, 200, { ok: true }));
    expect(await requestJson(OkSchema, newClient(), { method: "GET", url: `${baseUrl}/r2` })).toEqual({ ok: true });
    const error = await caughtAppError(newClient().send({ method: "GET", url: `${baseUrl}/r1` }));
    expect(error.code).toBe("REMOTE_BAD_RESPONSE");
    expect(error.message).toContain("more than 3 times");
  });

  it("never sends a POST on to the address a redirect names", async () => {
    routes.set("/post-moved", (_req, res) => res.writeHead(307, { location: "/post-target" }).end());
    routes.set("/post-target", (_req, res) => json(res, 201, { ok: true }));
    const error = await caughtAppError(newClient().send({ method: "POST", url: `${baseUrl}/post-moved`, json: { a: 1 } }));
    expect(error.message).toContain("does not send a POST on to another address");
    expect(hits.get("/post-target")).toBeUndefined();
  });

  it("drops the credentials when a redirect leaves the origin", async () => {
    let seenAuthorization: string | undefined = "not called";
    const other = createServer((req, res) => {
      seenAuthorization = req.headers.authorization;
      json(res, 200, { ok: true });
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    allowLocalServers(otherUrl);
    routes.set("/away", (_req, res) => res.writeHead(302, { location: `${otherUrl}/elsewhere` }).end());
    await requestJson(OkSchema, newClient(), { method: "GET", url: `${baseUrl}/away`, headers: { authorization: "Bearer secret-token" } });
    expect(seenAuthorization).toBeUndefined();
    await new Promise((resolve) => other.close(resolve));
  });

  it("words a closed port and a server that never answers the same way", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    allowLocalServers(`http://127.0.0.1:${closedPort}`);
    routes.set("/silent", () => undefined);
    const options = { maxAttempts: 1, timeoutMs: 1000 };
    const refused = await caughtAppError(newClient(new CallMeter(), options).send({ method: "GET", url: `http://127.0.0.1:${closedPort}/silent` }));
    const silent = await caughtAppError(newClient(new CallMeter(), options).send({ method: "GET", url: `${baseUrl}/silent` }));
    expect(refused.message).toBe(silent.message);
    expect(JSON.stringify(refused.details)).not.toMatch(/ECONNREFUSED/);
  });

  it("ends a request at its deadline, retries included", async () => {
    routes.set("/always-503", (_req, res) => json(res, 503, { message: "busy" }));
    const client = newClient(new CallMeter(), { deadlineMs: 1500, maxAttempts: 50, backoff: { baseDelayMs: 400, maxDelayMs: 400 } });
    const error = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/always-503` }));
    expect(error.code).toBe("REMOTE_UNAVAILABLE");
    // 50 attempts were allowed, and without the deadline all 50 would have been made.
    expect(hits.get("/always-503")!.length).toBeLessThan(50);
  });

  it("fails at once instead of waiting out a long Retry-After when the caller cannot wait", async () => {
    routes.set("/quota-for-an-hour", (_req, res) => json(res, 429, { message: "quota" }, { "retry-after": "3600" }));
    const tenantId = randomUUID();
    const client = new HttpClient({ tenantId, maxWaitMs: 1000 }, "test", "the test remote");
    const first = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/quota-for-an-hour` }));
    expect(first.code).toBe("REMOTE_RATE_LIMITED");
    const second = await caughtAppError(client.send({ method: "GET", url: `${baseUrl}/quota-for-an-hour` }));
    expect(second.code).toBe("REMOTE_RATE_LIMITED");
    expect(second.details?.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(hits.get("/quota-for-an-hour")).toHaveLength(1);
  });
});

describe("HttpClient concurrency per remote", () => {
  it("learns a server's capacity from its 503s: few are refused, none is lost, never more in flight than it serves", async () => {
    // A server with two workers and no backlog: a third request at once is answered 503.
    let active = 0;
    let peakActive = 0;
    let refused = 0;
    routes.set("/two-workers", (_req, res) => {
      if (active >= 2) {
        refused += 1;
        return json(res, 503, { message: "Service Unavailable" });
      }
      active += 1;
      peakActive = Math.max(peakActive, active);
      setTimeout(() => {
        active -= 1;
        json(res, 200, { ok: true });
      }, 50);
    });
    const client = newClient();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => requestJson(OkSchema, client, { method: "GET", url: `${baseUrl}/two-workers?item=${i}` })),
    );
    expect(results).toHaveLength(40);
    expect(peakActive).toBe(2);
    // Without the limit, the first burst alone would meet 38 refusals; it starts at 4 and halves on the first.
    expect(refused).toBeLessThanOrEqual(8);
    expect(hits.get("/two-workers")).toHaveLength(40 + refused);
  });

  it("keeps each tenant's limit apart for the same host", async () => {
    routes.set("/always-busy", (_req, res) => json(res, 503, { message: "busy" }));
    const busyTenant = newClient(new CallMeter(), { maxAttempts: 1 });
    await expect(busyTenant.send({ method: "GET", url: `${baseUrl}/always-busy` })).rejects.toMatchObject({ code: "REMOTE_UNAVAILABLE" });
    const { adaptiveLimitFor } = await import("./adaptive-concurrency");
    expect(adaptiveLimitFor(`${busyTenant.context.tenantId}:${baseUrl}`).limit).toBe(2);
    expect(adaptiveLimitFor(`${randomUUID()}:${baseUrl}`).limit).toBe(4);
  });
});
