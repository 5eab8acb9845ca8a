import { describe, expect, it } from "vitest";
import { imageTypeOf } from "./image-type";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part)))));

describe("image type from the bytes", () => {
  it.each([
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"), "image/jpeg"],
    ["PNG", bytes("\x89PNG\r\n\x1a\n", [0, 0, 0, 13]), "image/png"],
    ["GIF", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["WebP", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
  ])("recognises %s", (_name, body, mime) => {
    expect(imageTypeOf(body)?.mime).toBe(mime);
  });

  it.each([
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["SVG with an XML prolog", bytes('<?xml version="1.0"?><svg/>')],
    ["HTML", bytes("<!doctype html><script>alert(document.cookie)</script>")],
    ["empty", bytes("")],
    ["a RIFF that is not WebP", bytes("RIFF", [0, 0, 0, 0], "AVI ")],
  ])("refuses %s", (_name, body) => {
    expect(imageTypeOf(body)).toBeUndefined();
  });
});
