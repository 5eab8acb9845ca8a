/**
 * Where the login form may send the browser afterwards: a path on this app, never another site.
 * "//evil.example" and "/\evil.example" are refused (browsers read both as another host), and so
 * is anything that resolves to another origin or holds control characters.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const base = "https://app.invalid";
  const resolved = new URL(value, base);
  if (resolved.origin !== base) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
