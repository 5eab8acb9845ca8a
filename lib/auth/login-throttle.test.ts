import { describe, expect, it } from "vitest";
import { clientAddress } from "./login-throttle";

describe("client address", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(clientAddress("203.0.113.9", 0)).toBeUndefined();
    expect(clientAddress(undefined, 1)).toBeUndefined();
  });

  it("takes the hop the outermost trusted proxy saw, whatever the client wrote before it", () => {
    expect(clientAddress("198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("1.2.3.4, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", 2)).toBeUndefined();
  });
});
