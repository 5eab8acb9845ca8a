import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("login redirect", () => {
  it.each(["/demo", "/demo/runs?status=FAILED", "/demo#top"])("keeps the same-origin path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil.example/demo",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/%0a/evil.example\\x",
    "evil.example",
    "",
  ])("sends %j home instead", (path) => {
    expect(safeRedirectPath(path)).toBe("/");
  });

  it("has a fallback when there is no target", () => {
    expect(safeRedirectPath(null)).toBe("/");
  });
});
