import { z } from "zod";

/**
 * A base URL typed by a tenant, stored normalised: scheme, host, optional port and path, without a
 * trailing slash. A user name or password, a query or a fragment is refused with a message naming
 * it: the clients append paths to this URL, and a `?` or `#` would cut those paths off, while
 * credentials in a URL would end up in logs. Whether the host may be called at all is decided at
 * connect time by the outbound guard (lib/http/outbound.ts), after DNS.
 */
export const httpUrl = z
  .string()
  .trim()
  .transform((value, context) => {
    const fail = (message: string) => {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!URL.canParse(value)) return fail("must be a full URL, e.g. https://shop.example.com");
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail("must start with http:// or https://");
    if (url.username || url.password) return fail("must not contain a user name or password (user:password@); the credentials have fields of their own");
    if (value.includes("?")) return fail("must not contain a query (the part from ?)");
    if (value.includes("#")) return fail("must not contain a fragment (the part from #)");
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  });
