import { serveImage } from "@/lib/images/serve-image";

/**
 * GET: the picture behind a signed, expiring link (see lib/images/signed-image-url.ts). No session:
 * the shop's server fetches it; the signature is the authorisation.
 */
export async function GET(_request: Request, route: { params: Promise<{ token: string }> }) {
  return serveImage((await route.params).token);
}
