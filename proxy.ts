/**
 * Runs before every request: sets the security headers (lib/http/security-headers.ts), with a
 * fresh CSP nonce per page request passed on to Next.js in the request's own CSP header.
 */
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const { NODE_ENV, NEXTAUTH_URL } = env();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    development: NODE_ENV === "development",
    https: (NEXTAUTH_URL ?? request.nextUrl.href).startsWith("https:"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
