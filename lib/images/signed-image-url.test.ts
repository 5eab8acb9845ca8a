import { describe, expect, it } from "vitest";
import { signImageToken, verifyImageToken } from "./signed-image-url";

const payload = { tenantId: "6f1c3b1e-7a0e-4c1d-9a42-2b1f0e6c9d11", attachmentId: "att-1", name: "tshirt.jpg" };

describe("signed image links", () => {
  it("verify what they sign", () => {
    const token = signImageToken(payload);
    expect(verifyImageToken(token)).toMatchObject(payload);
  });

  it("reject a changed payload or signature", () => {
    const [body, mac] = signImageToken(payload).split(".");
    const other = Buffer.from(JSON.stringify({ t: payload.tenantId, a: "att-2", n: "x", e: 9_999_999_999 })).toString("base64url");
    expect(() => verifyImageToken(`${other}.${mac}`)).toThrow("Unknown image link.");
    expect(() => verifyImageToken(`${body}.${"A".repeat(mac!.length)}`)).toThrow("Unknown image link.");
    expect(() => verifyImageToken("garbage")).toThrow("Unknown image link.");
  });

  it("expire", () => {
    const token = signImageToken(payload, Date.now() - 2 * 24 * 3600 * 1000);
    expect(() => verifyImageToken(token)).toThrow("expired");
  });
});
