/**
 * The signed image route's work: check the link, fetch the attachment from the tenant's Visma.net
 * (through the outbound guard, at most IMAGE_MAX_BYTES, never waiting out a long Retry-After in the
 * web process), and answer only with a picture recognised from its bytes, under headers that keep
 * a browser from treating it as anything else.
 */
import { errorResponse } from "../auth/guard";
import { INTERACTIVE_LIMITS, loadVismaClient } from "../connections/load-connectors";
import { AppError, toAppError } from "../errors";
import { imageTypeOf } from "./image-type";
import { verifyImageToken } from "./signed-image-url";

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  // Opened directly, the answer can run nothing and be framed by nobody.
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
};

/** Letters, digits, dot, dash and underscore only, with the extension of the real type. */
export function safeFilename(name: string, extension: string): string {
  const base = name
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+|[._]+$/g, "")
    .slice(0, 80);
  return `${base || "image"}.${extension}`;
}

export async function serveImage(token: string): Promise<Response> {
  try {
    const { tenantId, attachmentId, name } = verifyImageToken(token);
    const visma = await loadVismaClient(tenantId, INTERACTIVE_LIMITS);
    const file = await visma.downloadAttachment(attachmentId, { maxBytes: IMAGE_MAX_BYTES });
    const type = imageTypeOf(file.body);
    if (!type) {
      throw new AppError("REMOTE_BAD_RESPONSE", "The attachment in Visma.net is not a JPEG, PNG, GIF or WebP picture; only those are served.", {
        details: { attachmentId },
      });
    }
    return new Response(Buffer.from(file.body), {
      headers: {
        ...COMMON_HEADERS,
        "content-type": type.mime,
        "content-length": String(file.body.length),
        "content-disposition": `inline; filename="${safeFilename(name, type.extension)}"`,
        "cache-control": "private, max-age=3600",
      },
    });
  } catch (error) {
    return imageErrorResponse(error);
  }
}

function imageErrorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const headers = { ...COMMON_HEADERS, "cache-control": "no-store" };
  if (appError.code === "REMOTE_RATE_LIMITED") {
    // Tell the shop when to come back instead of holding the request open.
    const retryAfterSeconds = Math.max(1, Math.ceil(Number(appError.details?.retryAfterMs ?? 60_000) / 1000));
    return errorResponse(appError, { status: 503, headers: { ...headers, "retry-after": String(retryAfterSeconds) } });
  }
  if (appError.code.startsWith("REMOTE_")) return errorResponse(appError, { status: 502, headers });
  return errorResponse(appError, { headers });
}
