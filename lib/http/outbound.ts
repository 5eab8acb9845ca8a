/**
 * The outbound guard: the one way this code base opens a connection to a host a tenant typed.
 *
 * An undici Agent whose connector resolves the host itself, refuses every address that is not on
 * the public internet (loopback, private, link-local, CGNAT, multicast, unspecified, reserved,
 * IPv6 unique-local, IPv4-mapped and other IPv4-embedding IPv6 forms), and then connects to the
 * very address it checked, so a DNS answer that changes between check and connect (rebinding)
 * cannot slip through. Host names arrive here already canonical: the WHATWG URL parser turns
 * decimal, octal and hex IPv4 spellings into dotted quads, and IPv6 into its compressed form.
 *
 * ALLOWED_PRIVATE_HOSTS (lib/env.ts) lists the `host:port` pairs that may be private anyway; an
 * entry matches the host as written in the URL or the address it resolved to, on that port only.
 *
 * ipaddr.js classifies addresses (maintained, covers every special range of both families, and
 * unwraps IPv4-mapped IPv6) so no range table is hand-written here.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";
import { allowedPrivateHosts, hostPortKey } from "../env";

/** How long one TCP/TLS connect may take (the request's own deadline may be shorter). */
const CONNECT_TIMEOUT_MS = 10_000;

export type ResolvedAddress = { address: string; family: number };
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true });

/** Thrown (as the cause of undici's "fetch failed") when the guard refuses a destination. */
export class OutboundRefusedError extends Error {
  readonly code = "APICENTER_OUTBOUND_REFUSED";
  constructor(
    readonly hostname: string,
    /** What kind of address it is, e.g. "loopback", "private"; for logs, not for tenants. */
    readonly range: string,
  ) {
    super(`Refused to connect to ${hostname}: a ${range} address, not on the public internet.`);
    this.name = "OutboundRefusedError";
  }
}

/** The first OutboundRefusedError in an error's cause chain. */
export function outboundRefusalOf(error: unknown): OutboundRefusedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (current instanceof OutboundRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * "unicast" for an address on the public internet, else the name of its special range.
 * IPv4-mapped IPv6 is judged as the IPv4 address it carries; IPv6 must also be global unicast
 * (2000::/3), which rules out the deprecated IPv4-compatible ::a.b.c.d form ipaddr.js calls unicast.
 */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return "invalid";
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== "unicast") return range;
  if (parsed.kind() === "ipv6" && !(parsed as ipaddr.IPv6).match(ipaddr.IPv6.parse("2000::"), 3)) return "reserved";
  return range;
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

export type GuardPolicy = {
  lookup?: LookupAll;
  /** hostPortKey()s allowed although private; read per connection so changes apply at once. */
  allowed?: () => ReadonlySet<string>;
};

function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/**
 * Resolves `hostname` and returns the addresses to connect to, IPv4 first. Refuses when any of
 * them is not public (a name with one public and one private address is refused as a whole).
 */
export async function checkedAddresses(hostname: string, port: number, policy: GuardPolicy = {}): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  const addresses = family ? [{ address: bare, family }] : await (policy.lookup ?? systemLookup)(bare);
  if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${bare}`), { code: "ENOTFOUND" });
  const allowed = (policy.allowed ?? allowedPrivateHosts)();
  for (const { address } of addresses) {
    const range = addressRange(address);
    if (range === "unicast") continue;
    if (allowed.has(hostPortKey(bare, port)) || allowed.has(hostPortKey(address, port))) continue;
    throw new OutboundRefusedError(bare, range);
  }
  return [...addresses].sort((a, b) => a.family - b.family);
}

/** An undici connector that connects only to addresses checkedAddresses() approved. */
export function guardedConnector(policy: GuardPolicy = {}): buildConnector.connector {
  const connect = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  return (options, callback) => {
    const port = Number(options.port) || defaultPort(options.protocol);
    checkedAddresses(options.hostname, port, policy).then(
      ([first]) => {
        const isName = !isIP(options.hostname.replace(/^\[|\]$/g, ""));
        // TLS still verifies the certificate against the name (SNI + servername), not the address.
        connect({ ...options, hostname: first!.address, ...(isName ? { servername: options.servername || options.hostname } : {}) }, callback);
      },
      (error: Error) => callback(error, null),
    );
  };
}

export function createOutboundAgent(policy: GuardPolicy = {}): Agent {
  return new Agent({ connect: guardedConnector(policy) });
}

let shared: Agent | undefined;

/** The process-wide guarded dispatcher every HttpClient request goes through. */
export function outboundDispatcher(): Agent {
  shared ??= createOutboundAgent();
  return shared;
}
