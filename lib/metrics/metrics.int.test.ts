import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoss, startBoss } from "../jobs/boss";
import { metricsResponse } from "./metrics-response";
import { recordEmail, recordJob, recordLogsPurged, recordRemoteAttempt, recordSyncRun } from "./metrics";

const TOKEN = "metrics-test-token-0123456789";
let boss: PgBoss;

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await startBoss(boss);
});
afterAll(async () => boss?.stop({ graceful: false }));

async function scrape(): Promise<string> {
  const response = await metricsResponse(`Bearer ${TOKEN}`, TOKEN);
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toContain("text/plain");
  return response.body;
}

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/api/metrics", () => {
  it("is off without METRICS_TOKEN and refuses a missing or wrong bearer token", async () => {
    expect((await metricsResponse(`Bearer ${TOKEN}`, undefined)).status).toBe(404);
    expect((await metricsResponse(null, TOKEN)).status).toBe(401);
    const wrong = await metricsResponse("Bearer metrics-test-token-0123456780", TOKEN);
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
    expect(wrong.body).not.toContain("apicenter_");
    expect((await metricsResponse(`Basic ${TOKEN}`, TOKEN)).status).toBe(401);
  });

  it("counts runs, records, remote calls, retries, 429s, jobs, purges and e-mails, without tenant labels", async () => {
    const before = await scrape();
    const counter = (series: string) => value(before, series) ?? 0;
    recordSyncRun({ module: "STOCK_SYNC", status: "PARTIAL", durationMs: 1500, counts: { created: 0, updated: 3, skipped: 5, failed: 1 } });
    recordRemoteAttempt({ remote: "visma", outcome: "http-error", status: 429, durationMs: 120, willRetry: true });
    recordRemoteAttempt({ remote: "visma", outcome: "ok", status: 200, durationMs: 80, willRetry: false });
    recordJob("sync-stock", "completed", 2000);
    recordLogsPurged(42);
    recordEmail("sent");
    recordEmail("failed");
    const after = await scrape();
    const grew = (series: string) => (value(after, series) ?? 0) - counter(series);

    expect(grew('apicenter_sync_runs_total{module="STOCK_SYNC",outcome="partial"}')).toBe(1);
    expect(grew('apicenter_sync_records_total{module="STOCK_SYNC",outcome="updated"}')).toBe(3);
    expect(grew('apicenter_sync_records_total{module="STOCK_SYNC",outcome="skipped"}')).toBe(5);
    expect(grew('apicenter_sync_records_total{module="STOCK_SYNC",outcome="failed"}')).toBe(1);
    expect(grew('apicenter_sync_run_duration_seconds_count{module="STOCK_SYNC"}')).toBe(1);
    expect(grew('apicenter_remote_requests_total{remote="visma",outcome="http-error"}')).toBe(1);
    expect(grew('apicenter_remote_requests_total{remote="visma",outcome="ok"}')).toBe(1);
    expect(grew('apicenter_remote_rate_limited_total{remote="visma"}')).toBe(1);
    expect(grew('apicenter_remote_retries_total{remote="visma"}')).toBe(1);
    expect(grew('apicenter_remote_request_duration_seconds_bucket{le="0.1",remote="visma",outcome="ok"}')).toBe(1);
    expect(grew('apicenter_job_duration_seconds_count{queue="sync-stock",outcome="completed"}')).toBe(1);
    expect(grew("apicenter_log_entries_purged_total")).toBe(42);
    expect(grew('apicenter_emails_total{outcome="sent"}')).toBe(1);
    expect(grew('apicenter_emails_total{outcome="failed"}')).toBe(1);
    // Every series is ours, and none carries a tenant.
    const names = after
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => line.split(/[{ ]/)[0]!);
    expect(names.every((name) => name.startsWith("apicenter_"))).toBe(true);
    // No tenant label and no tenant's id (a queue may be named after what it does, e.g. delete-tenant).
    expect(after).not.toMatch(/tenant\w*="/i);
    expect(after).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it("a bad value is logged, never thrown into the work it measures", () => {
    expect(() => recordLogsPurged(Number.NaN)).not.toThrow();
  });

  it("reads queue depth and the oldest waiting job's age from pg-boss at scrape time", async () => {
    const queue = `metrics-test-${randomUUID().slice(0, 8)}`;
    await boss.createQueue(queue);
    await boss.send(queue, { n: 1 }, { startAfter: new Date(Date.now() - 60_000) });
    await boss.send(queue, { n: 2 });
    // The two queue gauges share one query per second; wait past it for a fresh reading.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const text = await scrape();
    expect(value(text, `apicenter_queue_jobs{queue="${queue}",state="waiting"}`)).toBe(2);
    expect(value(text, `apicenter_queue_jobs{queue="${queue}",state="active"}`)).toBe(0);
    expect(value(text, `apicenter_queue_oldest_job_age_seconds{queue="${queue}"}`)).toBeGreaterThanOrEqual(59);
    await boss.purgeQueue(queue);
    await boss.deleteQueue(queue);
  });
});
