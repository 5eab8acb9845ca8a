/**
 * The security headers of every response, set in one place (proxy.ts). Pages get a Content
 * Security Policy with a fresh nonce per request and no inline script (Next.js puts the nonce on
 * its own scripts when it finds it in the request's CSP header); everything else (API routes,
 * images, static files) gets a policy that allows nothing. Styles stay 'unsafe-inline': React
 * style attributes and the charts need them, and nonces cannot cover attributes.
 */
export type HeaderContext = {
  pathname: string;
  nonce: string;
  /** `next dev`: React needs eval for its debugging aids, and hot reload a websocket. */
  development: boolean;
  /** The app is served over https (NEXTAUTH_URL): HSTS and upgrade-insecure-requests apply. */
  https: boolean;
};

const NOTHING_ALLOWED = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function isPagePath(pathname: string): boolean {
  return !pathname.startsWith("/api/") && !pathname.startsWith("/_next/") && pathname !== "/favicon.ico";
}

export function pageContentSecurityPolicy(nonce: string, context: Pick<HeaderContext, "development" | "https">): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${context.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${context.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(context.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(context: HeaderContext): Record<string, string> {
  return {
    "content-security-policy": isPagePath(context.pathname) ? pageContentSecurityPolicy(context.nonce, context) : NOTHING_ALLOWED,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
    ...(context.https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
