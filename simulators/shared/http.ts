/**
 * The node:http plumbing both simulators share: body reading, routing, request counting, fault
 * injection and the control API gate. Handlers return a SimResponse instead of writing to the socket,
 * so faults such as malformed JSON or commit-then-drop are applied in one place.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CapacityModel, RequestKind } from "./capacity";
import { noFaultDecision, type FaultDecision, type FaultInjector } from "./faults";
import type { RouteParams, Router } from "./router";

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: RouteParams;
  template: string;
  body: Buffer;
  faults: FaultDecision;
  /** Scheme, host and port as the client addressed us, for Location headers and image URLs. */
  baseUrl: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string | number>;
  json?: unknown;
  bytes?: { data: Buffer; contentType: string };
}

export type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export function json(status: number, body: unknown, headers?: Record<string, string | number>): SimResponse {
  return { status, json: body, headers };
}

export function noContent(headers?: Record<string, string | number>): SimResponse {
  return { status: 204, headers };
}

export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function hasJsonContentType(request: SimRequest): boolean {
  const type = header(request, "content-type") ?? "";
  return /^(application\/(.+\+)?json|text\/json)\b/i.test(type.trim());
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonBody(request: SimRequest): JsonBody {
  if (request.body.length === 0) return { ok: false, error: "Request body is empty" };
  try {
    return { ok: true, value: JSON.parse(request.body.toString("utf8")) };
  } catch (error) {
    return { ok: false, error: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}

/** How an API words its generic errors (404, 405, 5xx, 429). */
export interface ApiFlavour {
  errorResponse(status: number, message: string, request?: SimRequest): SimResponse;
  /** Maps an incoming path onto router paths (e.g. strips CS-Cart's API version); undefined = 404. */
  normalizePath?(path: string): string | undefined;
  /** Requests that must never be delayed or failed by faults (e.g. image downloads for demos). */
  exemptFromFaults?(path: string): boolean;
  /**
   * Runs after fault injection and before routing errors: authentication, rate limits. It may
   * reject the request, and may add headers (e.g. X-RateLimit-*) to whatever answer follows.
   */
  guard?(request: SimRequest): GuardResult | Promise<GuardResult>;
  /** What a request costs the server's capacity (./capacity.ts); default: GET and HEAD read, the rest write. */
  requestKind?(request: SimRequest): RequestKind;
  /** The answer when no worker took the request (503 queue full, 504 waited too long); default: errorResponse. */
  overloadResponse?(status: 503 | 504): SimResponse;
}

/**
 * The page nginx sends itself when PHP-FPM takes no more requests: the application never ran, so
 * there is no API error body (docs/api-facts.md, "A shop under load").
 */
export function webServerErrorPage(status: 503 | 504): SimResponse {
  const title = status === 503 ? "503 Service Temporarily Unavailable" : "504 Gateway Time-out";
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, bytes: { data: Buffer.from(html), contentType: "text/html" } };
}

function defaultRequestKind(request: SimRequest): RequestKind {
  return request.method === "GET" || request.method === "HEAD" ? "read" : "write";
}

export interface GuardResult {
  reject?: SimResponse;
  headers?: Record<string, string | number>;
}

function withHeaders(response: SimResponse, headers: Record<string, string | number> | undefined): SimResponse {
  return headers ? { ...response, headers: { ...headers, ...response.headers } } : response;
}

export interface RequestStats {
  total: number;
  /** Keyed by "METHOD /route/:template". */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  hung: number;
  dropped: number;
  malformed: number;
}

export class RequestCounter {
  private stats: RequestStats = RequestCounter.empty();

  private static empty(): RequestStats {
    return { total: 0, byRoute: {}, byStatus: {}, rateLimited: 0, hung: 0, dropped: 0, malformed: 0 };
  }

  countRequest(key: string): void {
    this.stats.total++;
    this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
  }

  countStatus(status: number): void {
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    if (status === 429) this.stats.rateLimited++;
  }

  countFault(kind: "hung" | "dropped" | "malformed"): void {
    this.stats[kind]++;
  }

  snapshot(): RequestStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = RequestCounter.empty();
  }
}

export interface HttpServerOptions {
  host: string;
  port: number;
  router: Router<Handler>;
  controlRouter: Router<Handler>;
  controlSecret: () => string;
  faults: FaultInjector;
  capacity: CapacityModel;
  flavour: ApiFlavour;
  counter: RequestCounter;
}

export interface StartedHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTROL_PREFIX = "/__control";
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const NO_FAULT: FaultDecision = noFaultDecision();

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeResponse(res: ServerResponse, response: SimResponse, malformed: boolean): void {
  const headers: Record<string, string | number> = { ...response.headers };
  let payload: Buffer | undefined;
  if (response.bytes) {
    payload = response.bytes.data;
    headers["Content-Type"] = response.bytes.contentType;
  } else if (response.json !== undefined && response.status !== 204) {
    let text = JSON.stringify(response.json);
    // Cut the document mid-way so that any JSON parser fails on it.
    if (malformed) text = `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000`;
    payload = Buffer.from(text, "utf8");
    headers["Content-Type"] ??= "application/json; charset=utf-8";
  }
  if (payload) headers["Content-Length"] = payload.length;
  res.writeHead(response.status, headers);
  res.end(payload);
}

export async function startHttpServer(options: HttpServerOptions): Promise<StartedHttpServer> {
  const { router, controlRouter, faults, capacity, flavour, counter } = options;

  const handleControl = async (request: SimRequest): Promise<SimResponse> => {
    if (header(request, "x-control-secret") !== options.controlSecret()) {
      return json(401, { error: "missing or wrong x-control-secret header" });
    }
    const match = controlRouter.match(request.method, request.path);
    if (match.kind === "not-found") return json(404, { error: `no control route ${request.path}` });
    if (match.kind === "method-not-allowed") return json(405, { error: `use ${match.allowed.join(", ")}` });
    return match.handler({ ...request, params: match.params, template: match.template });
  };

  const handleApi = async (request: SimRequest, res: ServerResponse): Promise<SimResponse | "hang"> => {
    const normalized = flavour.normalizePath ? flavour.normalizePath(request.path) : request.path;
    const match = normalized === undefined ? { kind: "not-found" as const } : router.match(request.method, normalized);
    const template = match.kind === "not-found" ? "(unmatched)" : match.template;
    counter.countRequest(`${request.method} ${template}`);

    const exempt = flavour.exemptFromFaults?.(request.path) ?? false;
    const decision = exempt ? NO_FAULT : faults.decide(request.method, request.path);
    request.faults = decision;
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.outcome === "hang") {
      counter.countFault("hung");
      return "hang";
    }
    if (decision.outcome === "rate-limited") {
      const limited = flavour.errorResponse(429, "Rate limit exceeded (injected burst)", request);
      return { ...limited, headers: { ...limited.headers, "Retry-After": decision.retryAfterSeconds } };
    }
    if (decision.outcome === "server-error") {
      return flavour.errorResponse(decision.serverErrorStatus, "Injected server error", request);
    }
    request.template = template;
    // The server's own work (authentication included) needs one of its workers: past the network
    // latency, a request waits for one, or is turned away when the queue is full.
    const served = exempt
      ? { admission: { outcome: "served" as const }, value: await answer(request) }
      : await capacity.serve((flavour.requestKind ?? defaultRequestKind)(request), () => answer(request));
    if (served.admission.outcome !== "served") {
      const status = served.admission.status;
      return flavour.overloadResponse?.(status) ?? flavour.errorResponse(status, status === 503 ? "Service Unavailable" : "Gateway Timeout", request);
    }
    const response = served.value!;
    if (decision.dropAfterCommit) {
      counter.countFault("dropped");
      res.socket?.destroy();
      return "hang";
    }
    return response;

    async function answer(request: SimRequest): Promise<SimResponse> {
      const guard = (await flavour.guard?.(request)) ?? {};
      if (guard.reject) return withHeaders(guard.reject, guard.headers);
      if (match.kind === "not-found") return withHeaders(flavour.errorResponse(404, "Not Found", request), guard.headers);
      if (match.kind === "method-not-allowed") {
        const response = flavour.errorResponse(405, "Method Not Allowed", request);
        return withHeaders(response, { ...guard.headers, Allow: match.allowed.join(", ") });
      }
      const response = await match.handler({ ...request, params: match.params, template: match.template });
      return withHeaders(response, guard.headers);
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
      let request: SimRequest | undefined;
      try {
        const body = await readBody(req);
        request = {
          method: (req.method ?? "GET").toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          params: {},
          template: "",
          body,
          faults: NO_FAULT,
          baseUrl: `http://${req.headers.host ?? `${options.host}:${started.port}`}`,
        };
        const response = isControl ? await handleControl(request) : await handleApi(request, res);
        if (response === "hang") return;
        if (!isControl) {
          counter.countStatus(response.status);
          if (request.faults.malformedJson && response.json !== undefined) counter.countFault("malformed");
        }
        writeResponse(res, response, !isControl && request.faults.malformedJson);
      } catch (error) {
        console.error("[simulator] handler failed:", error);
        if (res.headersSent || res.destroyed) return;
        const response = isControl ? json(500, { error: String(error) }) : flavour.errorResponse(500, "Internal simulator error", request);
        writeResponse(res, response, false);
      }
    })();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const started: StartedHttpServer = {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
  return started;
}
