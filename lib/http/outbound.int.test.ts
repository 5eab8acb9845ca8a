/**
 * SSRF: a tenant's URL can name this machine or the private network in many spellings, or reach
 * it through a redirect or a DNS name. A TCP listener on the loopback interface (IPv4 and IPv6)
 * counts the connections it accepts: for every refused form the count must stay zero.
 */
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { caughtAppError } from "./caught-app-error";
import { HttpClient } from "./client";
import { createOutboundAgent, outboundRefusalOf, type LookupAll } from "./outbound";

let listener: Server;
let port: number;
let accepted = 0;
const sockets = new Set<import("node:net").Socket>();
/** Allowed on purpose (ALLOWED_PRIVATE_HOSTS): it answers with redirects to the listener. */
let redirector: HttpServer;
let redirectorUrl: string;

beforeAll(async () => {
  listener = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
  });
  // "::" with dual stack takes IPv4 (127.0.0.1, ::ffff:127.0.0.1) and IPv6 (::1) connections.
  await new Promise<void>((resolve) => listener.listen({ port: 0, host: "::", ipv6Only: false }, resolve));
  port = (listener.address() as AddressInfo).port;

  redirector = createHttpServer((req, res) => {
    const target = new URL(req.url ?? "/", "http://x").searchParams.get("to") ?? "/";
    res.writeHead(302, { location: target }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  allowLocalServers(redirectorUrl);
});

afterAll(async () => {
  redirector.closeAllConnections();
  for (const socket of sockets) socket.destroy();
  await Promise.all([new Promise((resolve) => listener.close(resolve)), new Promise((resolve) => redirector.close(resolve))]);
});

beforeEach(() => {
  accepted = 0;
});

const client = () => new HttpClient({ tenantId: randomUUID(), maxAttempts: 1, timeoutMs: 5000 }, "test", "the test remote");

/** Spellings of this machine, each aimed at the listener's port. */
const LOOPBACK_FORMS: [string, (port: number) => string][] = [
  ["IPv4 dotted", (p) => `http://127.0.0.1:${p}/`],
  ["IPv4 elsewhere in 127/8", (p) => `http://127.0.0.2:${p}/`],
  ["IPv4 decimal", (p) => `http://2130706433:${p}/`],
  ["IPv4 octal", (p) => `http://0177.0.0.1:${p}/`],
  ["IPv4 hex", (p) => `http://0x7f.0.0.1:${p}/`],
  ["IPv4 short form", (p) => `http://127.1:${p}/`],
  ["IPv4 one octal number", (p) => `http://017700000001:${p}/`],
  ["unspecified 0.0.0.0 (Linux connects it to this machine)", (p) => `http://0.0.0.0:${p}/`],
  ["IPv6 loopback", (p) => `http://[::1]:${p}/`],
  ["IPv6 unspecified", (p) => `http://[::]:${p}/`],
  ["IPv4-mapped IPv6", (p) => `http://[::ffff:127.0.0.1]:${p}/`],
  ["IPv4-mapped IPv6, hex", (p) => `http://[::ffff:7f00:1]:${p}/`],
  ["IPv4-mapped IPv6, long form", (p) => `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`],
  ["IPv4-compatible IPv6", (p) => `http://[::127.0.0.1]:${p}/`],
  ["a DNS name that resolves to 127.0.0.1", (p) => `http://localhost:${p}/`],
  ["https to this machine", (p) => `https://127.0.0.1:${p}/`],
];

/** Other ranges that are never the public internet (nothing listens there; the guard must not even try). */
const PRIVATE_FORMS: [string, string][] = [
  ["RFC 1918 10/8", "http://10.0.0.1/"],
  ["RFC 1918 172.16/12", "http://172.16.5.4/"],
  ["RFC 1918 192.168/16", "http://192.168.1.1:8080/"],
  ["link-local / cloud metadata", "http://169.254.169.254/latest/meta-data/"],
  ["CGNAT 100.64/10", "http://100.64.0.1/"],
  ["multicast", "http://224.0.0.1/"],
  ["broadcast", "http://255.255.255.255/"],
  ["reserved 240/4", "http://240.0.0.1/"],
  ["IPv6 unique-local", "http://[fd00::1]/"],
  ["IPv6 link-local", "http://[fe80::1]/"],
  ["IPv6 multicast", "http://[ff02::1]/"],
  ["IPv4-mapped private", "http://[::ffff:10.0.0.1]/"],
  ["NAT64 of loopback", "http://[64:ff9b::7f00:1]/"],
  ["6to4 of loopback", "http://[2002:7f00:1::1]/"],
];

describe("the outbound guard refuses non-public destinations before connecting", () => {
  it.each(LOOPBACK_FORMS)("%s", async (_label, url) => {
    const error = await caughtAppError(client().send({ method: "GET", url: url(port) }));
    expect(error.code).toBe("REMOTE_ADDRESS_REFUSED");
    expect(error.message).toContain("not a public internet address");
    expect(accepted).toBe(0);
  });

  it.each(PRIVATE_FORMS)("%s", async (_label, url) => {
    const error = await caughtAppError(client().send({ method: "GET", url }));
    expect(error.code).toBe("REMOTE_ADDRESS_REFUSED");
  });

  it.each([
    ["IPv4", (p: number) => `http://127.0.0.1:${p}/`],
    ["a DNS name", (p: number) => `http://localhost:${p}/`],
    ["IPv6", (p: number) => `http://[::1]:${p}/`],
    ["IPv4-mapped IPv6", (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
  ])("refuses a redirect to a private address (%s), hop by hop", async (_label, target) => {
    const error = await caughtAppError(client().send({ method: "GET", url: `${redirectorUrl}/?to=${encodeURIComponent(target(port))}` }));
    expect(error.code).toBe("REMOTE_ADDRESS_REFUSED");
    expect(accepted).toBe(0);
  });

  it("allows exactly the listed host:port, not another port of the same host", async () => {
    // The redirector's own host and port are listed; the listener's port on that host is not.
    const error = await caughtAppError(client().send({ method: "GET", url: `${redirectorUrl.replace(/:\d+$/, `:${port}`)}/` }));
    expect(error.code).toBe("REMOTE_ADDRESS_REFUSED");
    expect(accepted).toBe(0);
    allowLocalServers(`http://127.0.0.1:${port}`);
    try {
      await client().send({ method: "GET", url: `http://127.0.0.1:${port}/` });
      expect(accepted).toBe(1);
    } finally {
      process.env.ALLOWED_PRIVATE_HOSTS = (process.env.ALLOWED_PRIVATE_HOSTS ?? "").replace(`,127.0.0.1:${port}`, "");
    }
  });
});

describe("the guarded connector with a DNS server of its own", () => {
  /** A resolver that answers from a table and counts its questions. */
  function fakeDns(table: Record<string, string[]>) {
    const asked: string[] = [];
    const lookup: LookupAll = async (hostname) => {
      asked.push(hostname);
      return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    return { asked, lookup };
  }

  it("refuses a name whose answer is private, and a name with one public and one private answer", async () => {
    const dns = fakeDns({ "rebind.example": ["127.0.0.1"], "mixed.example": ["93.184.215.14", "127.0.0.1"] });
    const agent = createOutboundAgent({ lookup: dns.lookup, allowed: () => new Set() });
    for (const host of ["rebind.example", "mixed.example"]) {
      const failure = await undiciFetch(`http://${host}:${port}/`, { dispatcher: agent }).catch((error: unknown) => error);
      expect(outboundRefusalOf(failure)?.hostname).toBe(host);
    }
    expect(accepted).toBe(0);
    await agent.close();
  });

  it("connects to the address it checked, without asking DNS again", async () => {
    // "checked.example" exists only in the fake DNS: had the socket resolved the name itself, the
    // connection would fail with ENOTFOUND instead of reaching the listener.
    const dns = fakeDns({ "checked.example": ["127.0.0.1"] });
    const agent = createOutboundAgent({ lookup: dns.lookup, allowed: () => new Set([`checked.example:${port}`]) });
    const response = await undiciFetch(`http://checked.example:${port}/`, { dispatcher: agent });
    expect(response.status).toBe(200);
    expect(accepted).toBe(1);
    expect(dns.asked).toEqual(["checked.example"]);
    await agent.close();
  });
});
