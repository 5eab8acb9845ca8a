/**
 * The picture formats the image route serves, recognised from their first bytes (the remote's
 * Content-Type is never trusted: a tenant's own "Visma.net" could call HTML or SVG an image).
 * Four fixed signatures, so no file-type library is needed.
 */
export type ImageType = { mime: "image/jpeg" | "image/png" | "image/gif" | "image/webp"; extension: string };

const ascii = (bytes: Uint8Array, start: number, text: string) => Buffer.from(bytes.subarray(start, start + text.length)).toString("latin1") === text;

export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: "image/jpeg", extension: "jpg" };
  if (ascii(bytes, 0, "\x89PNG\r\n\x1a\n")) return { mime: "image/png", extension: "png" };
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return { mime: "image/gif", extension: "gif" };
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return { mime: "image/webp", extension: "webp" };
  return undefined;
}
