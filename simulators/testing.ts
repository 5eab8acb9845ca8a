/** Small helpers for the simulator contract tests (and for other engineers' integration tests). */
import type { RunningSimulator } from "./shared/control";
import type { CscartSimulator } from "./cscart/server";
import type { VismaSimulator } from "./visma/server";

export function cscartAuthHeader(sim: CscartSimulator): string {
  return `Basic ${Buffer.from(`${sim.options.adminEmail}:${sim.options.apiKey}`).toString("base64")}`;
}

/** GET/PUT/POST against the CS-Cart simulator with valid Basic auth and a JSON body. */
export function cscartFetch(sim: CscartSimulator, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: cscartAuthHeader(sim), ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

export async function requestVismaToken(sim: VismaSimulator, fields: Record<string, string> = {}): Promise<Response> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: sim.options.clientId,
    client_secret: sim.options.clientSecret,
    tenant_id: sim.options.tenantId,
    ...fields,
  });
  return fetch(`${sim.url}/connect/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
}

export async function vismaToken(sim: VismaSimulator, fields: Record<string, string> = {}): Promise<string> {
  const response = await requestVismaToken(sim, fields);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Calls the Visma simulator with a bearer token and, when a body is given, JSON. */
export function vismaFetch(
  sim: VismaSimulator,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

export function controlFetch(sim: RunningSimulator<unknown>, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/__control${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "x-control-secret": sim.controlSecret, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
