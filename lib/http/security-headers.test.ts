import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const base = { nonce: "bm9uY2U=", development: false, https: false };

describe("security headers", () => {
  it("give pages a nonce policy without inline script or framing", () => {
    const headers = securityHeaders({ ...base, pathname: "/demo/runs" });
    const csp = headers["content-security-policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
  });

  it("allow nothing on API routes, images and static files", () => {
    for (const pathname of ["/api/t/demo/overview", "/api/images/abc", "/_next/static/chunks/app.js"]) {
      expect(securityHeaders({ ...base, pathname })["content-security-policy"]).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
    }
  });

  it("send HSTS and upgrade requests only over https, and allow eval only in development", () => {
    expect(securityHeaders({ ...base, pathname: "/" })["strict-transport-security"]).toBeUndefined();
    const production = securityHeaders({ ...base, https: true, pathname: "/" });
    expect(production["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(production["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(securityHeaders({ ...base, development: true, pathname: "/" })["content-security-policy"]).toContain("'unsafe-eval'");
  });
});
