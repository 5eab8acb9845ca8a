import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/auth/guard";
import { loadVismaClient } from "@/lib/connections/load-connectors";
import { verifyImageToken } from "@/lib/images/signed-image-url";

/**
 * GET: the picture behind a signed, expiring link (see lib/images/signed-image-url.ts). No session:
 * the shop's server fetches it; the signature is the authorisation.
 */
export async function GET(_request: Request, route: { params: Promise<{ token: string }> }) {
  try {
    const { tenantId, attachmentId } = verifyImageToken((await route.params).token);
    const visma = await loadVismaClient(tenantId);
    const file = await visma.downloadAttachment(attachmentId);
    return new NextResponse(Buffer.from(file.body), {
      headers: { "content-type": file.contentType, "cache-control": "private, max-age=3600" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
