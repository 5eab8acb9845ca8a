/**
 * The worker's small HTTP port (WORKER_HTTP_PORT, 0 = none), for orchestrators and Prometheus:
 *   GET /api/health/live   the process is up
 *   GET /api/health/ready  database, migrations and pg-boss schema (as on the web), plus a fresh
 *                          heartbeat and not shutting down; 503 otherwise
 *   GET /api/metrics       Prometheus text, with Authorization: Bearer <METRICS_TOKEN>
 * Both health answers include the worker's heartbeat.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { checkReadiness } from "@/lib/health/check-readiness";
import { logger } from "@/lib/logger";
import { metricsResponse } from "@/lib/metrics/metrics-response";
import type { Heartbeat } from "./heartbeat";

export type WorkerStatus = { workerId: string; startedAt: Date; heartbeat: Heartbeat; activeJobs(): string[]; stopping(): boolean };

function heartbeatOf(status: WorkerStatus) {
  const last = status.heartbeat.lastBeatAt();
  // Three missed beats in a row: the database is not taking this worker's writes.
  const fresh = last !== undefined && Date.now() - last.getTime() < 3 * status.heartbeat.intervalMs;
  return {
    fresh,
    body: {
      id: status.workerId,
      startedAt: status.startedAt.toISOString(),
      lastHeartbeatAt: last?.toISOString() ?? null,
      activeJobs: status.activeJobs().length,
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

async function answer(path: string, authorization: string | undefined, response: ServerResponse, status: WorkerStatus): Promise<void> {
  const heartbeat = heartbeatOf(status);
  if (path === "/api/health/live") return sendJson(response, 200, { status: "ok", worker: heartbeat.body });
  if (path === "/api/health/ready") {
    const readiness = await checkReadiness();
    const checks = {
      ...readiness.checks,
      heartbeat: heartbeat.fresh ? { ok: true } : { ok: false, detail: "no heartbeat written recently" },
      accepting: status.stopping() ? { ok: false, detail: "shutting down" } : { ok: true },
    };
    const ready = Object.values(checks).every((check) => check.ok);
    return sendJson(response, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks, worker: heartbeat.body });
  }
  if (path === "/api/metrics") {
    const metrics = await metricsResponse(authorization);
    response.writeHead(metrics.status, metrics.headers).end(metrics.body);
    return;
  }
  sendJson(response, 404, { error: "Not found: this port serves /api/health/live, /api/health/ready and /api/metrics." });
}

export async function startWorkerHttpServer(port: number, status: WorkerStatus): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return sendJson(response.setHeader("allow", "GET, HEAD"), 405, { error: "Only GET and HEAD are allowed." });
    }
    const path = new URL(request.url ?? "/", "http://worker").pathname;
    answer(path, request.headers.authorization, response, status).catch((error: unknown) => {
      logger().error({ err: error, path }, "worker HTTP request failed");
      if (!response.headersSent) sendJson(response, 500, { error: "Internal error (see the worker log)." });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new AppError("ENV_INVALID", `WORKER_HTTP_PORT ${port} is already in use: give each worker on this host its own port, or 0 to turn the port off.`)
          : error,
      ),
    );
    server.listen(port, () => resolve());
  });
  return server;
}
