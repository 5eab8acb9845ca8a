import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoss, startBoss } from "@/lib/jobs/boss";
import type { Heartbeat } from "./heartbeat";
import { startWorkerHttpServer, type WorkerStatus } from "./http-server";

let boss: PgBoss;
let server: Server;
let base: string;
let lastBeatAt: Date | undefined = new Date();
let stopping = false;

const heartbeat: Heartbeat = { lastBeatAt: () => lastBeatAt, intervalMs: 10_000, stop: async () => {} };
const status: WorkerStatus = { workerId: "worker-test", startedAt: new Date(), heartbeat, activeJobs: () => ["sync-stock:1"], stopping: () => stopping };

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await startBoss(boss); // readiness wants pg-boss's schema
  server = await startWorkerHttpServer(0, status);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await boss?.stop({ graceful: false });
});

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${base}${path}`, init);
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

describe("the worker's HTTP port", () => {
  it("answers liveness with the worker's heartbeat", async () => {
    const live = await get("/api/health/live");
    expect(live.status).toBe(200);
    expect(live.body).toEqual({
      status: "ok",
      worker: { id: "worker-test", startedAt: status.startedAt.toISOString(), lastHeartbeatAt: lastBeatAt!.toISOString(), activeJobs: 1 },
    });
  });

  it("is ready with a fresh heartbeat, and not when the heartbeat is stale or the worker is stopping", async () => {
    const ready = await get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body!.checks).toEqual({
      database: { ok: true },
      migrations: { ok: true },
      jobQueue: { ok: true },
      heartbeat: { ok: true },
      accepting: { ok: true },
    });

    lastBeatAt = new Date(Date.now() - 60_000);
    const stale = await get("/api/health/ready");
    expect(stale.status).toBe(503);
    expect(stale.body!.checks).toMatchObject({ heartbeat: { ok: false, detail: "no heartbeat written recently" } });

    lastBeatAt = new Date();
    stopping = true;
    const draining = await get("/api/health/ready");
    expect(draining.status).toBe(503);
    expect(draining.body!.checks).toMatchObject({ heartbeat: { ok: true }, accepting: { ok: false, detail: "shutting down" } });
    stopping = false;
  });

  it("serves metrics only with METRICS_TOKEN set (unset here: 404), and nothing else", async () => {
    expect((await fetch(`${base}/api/metrics`)).status).toBe(404);
    expect((await get("/other")).status).toBe(404);
    const post = await fetch(`${base}/api/health/live`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("names the setting when its port is taken", async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(startWorkerHttpServer(port, status)).rejects.toThrow(`WORKER_HTTP_PORT ${port} is already in use`);
  });
});
