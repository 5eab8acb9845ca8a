/** The signed image route end to end: token → tenant's Visma.net attachment → bytes for the shop. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/images/[token]/route";
import { encryptSecret } from "../crypto";
import { db } from "../db";
import { allowLocalServers } from "../../testing/allow-local-servers";
import { createTestTenant } from "../../testing/fixtures";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { IMAGE_MAX_BYTES } from "./serve-image";
import { signImageToken } from "./signed-image-url";

let h: SyncHarness;
/** A tenant's own "Visma.net": what a hostile admin could point the connection at. */
let hostile: Server;
let hostileTenantId: string;
const attachmentHits = new Map<string, number>();

const PNG = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(64, 1)]);
const ATTACHMENTS: Record<string, (res: import("node:http").ServerResponse) => void> = {
  html: (res) => res.writeHead(200, { "content-type": "image/png" }).end("<!doctype html><script>alert(document.cookie)</script>"),
  svg: (res) => res.writeHead(200, { "content-type": "image/svg+xml" }).end('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  big: (res) => {
    res.writeHead(200, { "content-type": "image/png" });
    res.write(PNG);
    // Streams past the cap without announcing a length.
    const chunk = Buffer.alloc(1024 * 1024, 7);
    let sent = 0;
    const next = () => {
      while (sent <= IMAGE_MAX_BYTES + 2 * chunk.length) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", next);
      }
      res.end();
    };
    res.on("error", () => undefined);
    next();
  },
  png: (res) => res.writeHead(200, { "content-type": "text/html" }).end(PNG),
  ratelimited: (res) => res.writeHead(429, { "content-type": "application/json", "retry-after": "3600" }).end('{"message":"API limit exceeded"}'),
};

beforeAll(async () => {
  h = await startSyncHarness({ seed: 17 });
  hostile = createServer((req, res) => {
    req.resume();
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/connect/token") return void res.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"t","expires_in":3600}');
    const id = /^\/v1\/attachment\/(\w+)$/.exec(path)?.[1] ?? "";
    attachmentHits.set(id, (attachmentHits.get(id) ?? 0) + 1);
    (ATTACHMENTS[id] ?? ((r) => r.writeHead(404).end()))(res);
  });
  await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  allowLocalServers(url);
  const { tenant } = await createTestTenant("hostile-images");
  hostileTenantId = tenant.id;
  await db.connection.create({
    data: {
      tenantId: tenant.id,
      kind: "VISMA",
      config: { clientId: "c", tenantId: "t", tokenUrl: `${url}/connect/token`, erpBaseUrl: url, salesOrderBaseUrl: url },
      encryptedSecret: encryptSecret("s", { tenantId: tenant.id, kind: "VISMA" }),
    },
  });
});
afterAll(async () => {
  hostile?.closeAllConnections();
  await Promise.all([h?.close(), new Promise((resolve) => hostile?.close(resolve))]);
});

const call = (token: string) => GET(new Request(`http://localhost/api/images/${token}`), { params: Promise.resolve({ token }) });
const hostileImage = (attachmentId: string, name = "picture.png") => call(signImageToken({ tenantId: hostileTenantId, attachmentId, name }));

describe("signed image route", () => {
  it("streams the Visma.net attachment behind a valid link, with headers that pin it down", async () => {
    const [attachmentId, attachment] = [...h.visma.state.attachments.entries()][0]!;
    const response = await call(signImageToken({ tenantId: h.tenant.id, attachmentId, name: attachment.name }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="[\w.-]+\.png"$/);
    expect(response.headers.get("cache-control")).toBe("private, max-age=3600");
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.length).toBeGreaterThan(0);
  });

  it("types a picture by its bytes, not by what the remote calls it, and cleans the file name", async () => {
    const response = await hostileImage("png", '"evil"\r\nSet-Cookie: x=1;.html');
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="evil_Set-Cookie_x_1.png"');
  });

  it.each([
    ["HTML labelled as PNG", "html"],
    ["SVG", "svg"],
  ])("refuses %s", async (_label, attachmentId) => {
    const response = await hostileImage(attachmentId);
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const { error } = await response.json();
    expect(error.message).toBe("The attachment in Visma.net is not a JPEG, PNG, GIF or WebP picture; only those are served.");
    expect(JSON.stringify(error)).not.toMatch(/script|onload/);
  });

  it("refuses a picture larger than 10 MB while it streams", async () => {
    const response = await hostileImage("big");
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toContain("sent more than 10 MB");
  });

  it("answers 503 with Retry-After at once when Visma.net asks to wait long", async () => {
    const first = await hostileImage("ratelimited");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("3600");
    // The next call does not even ask Visma.net: the process remembers the wait.
    const second = await hostileImage("ratelimited");
    expect(second.status).toBe(503);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect(attachmentHits.get("ratelimited")).toBe(1);
  });

  it("answers 404 with a reason for a forged or expired link", async () => {
    const forged = await call("eyJ0IjoieCJ9.AAAA");
    expect(forged.status).toBe(404);
    expect((await forged.json()).error.message).toBe("Unknown image link.");
    const [attachmentId] = [...h.visma.state.attachments.keys()];
    const expired = await call(signImageToken({ tenantId: h.tenant.id, attachmentId: attachmentId!, name: "x.jpg" }, Date.now() - 2 * 3_600_000));
    expect(expired.status).toBe(404);
    expect((await expired.json()).error.message).toBe("This image link has expired.");
  });

  it("binds a link to its tenant: another tenant's signature does not open this tenant's attachment", async () => {
    const [body] = signImageToken({ tenantId: hostileTenantId, attachmentId: "png", name: "x.png" }).split(".");
    const [, otherMac] = signImageToken({ tenantId: h.tenant.id, attachmentId: "png", name: "x.png" }).split(".");
    expect((await call(`${body}.${otherMac}`)).status).toBe(404);
  });
});
