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
    // `issue` names the field error's translation (messages: validation.<issue>).
    const fail = (issue: string, message: string) => {
      context.addIssue({ code: "custom", message, params: { issue } });
      return z.NEVER;
    };
    if (!URL.canParse(value)) return fail("url", "must be a full URL, e.g. https://shop.example.com");
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail("urlScheme", "must start with http:// or https://");
    if (url.username || url.password)
      return fail("urlCredentials", "must not contain a user name or password (user:password@); the credentials have fields of their own");
    if (value.includes("?")) return fail("urlQuery", "must not contain a query (the part from ?)");
    if (value.includes("#")) return fail("urlFragment", "must not contain a fragment (the part from #)");
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  });
