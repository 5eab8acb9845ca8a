import { appendAllowedPrivateHosts } from "../lib/env";

/**
 * Lets this test process (and the worker processes it starts afterwards, which inherit its
 * environment) call local test servers: their addresses join ALLOWED_PRIVATE_HOSTS, the same
 * operator setting production reads. The outbound guard reads it on every connection.
 */
export function allowLocalServers(...urls: string[]): void {
  process.env.ALLOWED_PRIVATE_HOSTS = appendAllowedPrivateHosts(process.env.ALLOWED_PRIVATE_HOSTS, urls);
}
