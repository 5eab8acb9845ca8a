/**
 * Prometheus metrics of this process (prom-client), served by /api/metrics on the web server and
 * on each worker's HTTP port (lib/metrics/metrics-response.ts). Every series is named apicenter_….
 * Labels stay low-cardinality on purpose: module, remote, queue, outcome — never a tenant id
 * (per-tenant detail lives in the dashboard's runs and logs). docs/deploy.md lists the series.
 *
 * The record functions below are the only hooks other code calls; each is one line at its call site.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { HttpEvent } from "../http/client";
import { logger } from "../logger";
import { readQueueDepths } from "./queue-depths";

// Remote calls take from a few ms (simulators) to the 30 s timeout; sync runs up to hours.
const REMOTE_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_SECONDS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "apicenter_" });
  const registers = [registry];
  // Both queue gauges are read from pg-boss's tables when Prometheus scrapes (one query for both).
  new Gauge({
    name: "apicenter_queue_jobs",
    help: "Jobs per queue that are waiting (queued, retries included) or active, read from pg-boss at scrape time.",
    labelNames: ["queue", "state"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await readQueueDepths()) {
        this.set({ queue: row.queue, state: "waiting" }, row.waiting);
        this.set({ queue: row.queue, state: "active" }, row.active);
      }
    },
  });
  new Gauge({
    name: "apicenter_queue_oldest_job_age_seconds",
    help: "Seconds since the longest-waiting job of the queue was due to start (0 when none waits).",
    labelNames: ["queue"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await readQueueDepths()) this.set({ queue: row.queue }, row.oldestWaitSeconds);
    },
  });
  return {
    registry,
    syncRuns: new Counter({
      name: "apicenter_sync_runs_total",
      help: "Sync runs finished, by module and outcome.",
      labelNames: ["module", "outcome"] as const,
      registers,
    }),
    syncRunSeconds: new Histogram({
      name: "apicenter_sync_run_duration_seconds",
      help: "Duration of finished sync runs.",
      labelNames: ["module"] as const,
      buckets: JOB_SECONDS,
      registers,
    }),
    syncRecords: new Counter({
      name: "apicenter_sync_records_total",
      help: "Records handled by sync runs, by module and outcome (created, updated, skipped, failed).",
      labelNames: ["module", "outcome"] as const,
      registers,
    }),
    remoteRequests: new Counter({
      name: "apicenter_remote_requests_total",
      help: "Requests sent to CS-Cart and Visma.net (every attempt), by remote and outcome (ok, http-error, timeout, network).",
      labelNames: ["remote", "outcome"] as const,
      registers,
    }),
    remoteRetries: new Counter({
      name: "apicenter_remote_retries_total",
      help: "Remote requests sent again after a failed attempt.",
      labelNames: ["remote"] as const,
      registers,
    }),
    remoteRateLimited: new Counter({
      name: "apicenter_remote_rate_limited_total",
      help: "Remote answers with HTTP 429.",
      labelNames: ["remote"] as const,
      registers,
    }),
    remoteSeconds: new Histogram({
      name: "apicenter_remote_request_duration_seconds",
      help: "Duration of one remote attempt, by remote and outcome.",
      labelNames: ["remote", "outcome"] as const,
      buckets: REMOTE_SECONDS,
      registers,
    }),
    jobSeconds: new Histogram({
      name: "apicenter_job_duration_seconds",
      help: "Duration of worker jobs, by queue and outcome (completed, failed).",
      labelNames: ["queue", "outcome"] as const,
      buckets: JOB_SECONDS,
      registers,
    }),
    logEntriesPurged: new Counter({ name: "apicenter_log_entries_purged_total", help: "Run log entries deleted by the retention purge.", registers }),
    emails: new Counter({
      name: "apicenter_emails_total",
      help: "Failure e-mails by outcome (sent, failed, kept without SMTP).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    heartbeat: new Gauge({
      name: "apicenter_worker_heartbeat_timestamp_seconds",
      help: "Unix time of this worker's last heartbeat written to the database.",
      registers,
    }),
    activeJobs: new Gauge({ name: "apicenter_worker_active_jobs", help: "Jobs this worker is running now.", registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: Next.js may load this module in several chunks, and a metric name can be registered once.
const globalForMetrics = globalThis as unknown as { apicenterMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.apicenterMetrics ??= createMetrics();
  return globalForMetrics.apicenterMetrics;
}

/** A metric must never fail the work it measures: a recording error is logged, and the work goes on. */
function safely(record: () => void): void {
  try {
    record();
  } catch (error) {
    logger().warn({ err: error }, "metric not recorded");
  }
}

/** One attempt of a remote call (lib/http/client.ts). */
export function recordRemoteAttempt(event: Pick<HttpEvent, "remote" | "outcome" | "status" | "durationMs" | "willRetry">): void {
  safely(() => {
    const m = metrics();
    m.remoteRequests.inc({ remote: event.remote, outcome: event.outcome });
    m.remoteSeconds.observe({ remote: event.remote, outcome: event.outcome }, event.durationMs / 1000);
    if (event.status === 429) m.remoteRateLimited.inc({ remote: event.remote });
    if (event.willRetry) m.remoteRetries.inc({ remote: event.remote });
  });
}

type RecordCounts = { created: number; updated: number; skipped: number; failed: number };

/** A sync run that finished (lib/sync/engine/run-sync-module.ts). */
export function recordSyncRun(run: { module: string; status: string; durationMs: number; counts: RecordCounts }): void {
  safely(() => {
    const m = metrics();
    m.syncRuns.inc({ module: run.module, outcome: run.status.toLowerCase() });
    m.syncRunSeconds.observe({ module: run.module }, run.durationMs / 1000);
    const { created, updated, skipped, failed } = run.counts;
    for (const [outcome, count] of Object.entries({ created, updated, skipped, failed }))
      if (count > 0) m.syncRecords.inc({ module: run.module, outcome }, count);
  });
}

/** A worker job that ended (workers/main.ts). */
export function recordJob(queue: string, outcome: "completed" | "failed", durationMs: number): void {
  safely(() => metrics().jobSeconds.observe({ queue, outcome }, durationMs / 1000));
}

export function recordLogsPurged(count: number): void {
  safely(() => metrics().logEntriesPurged.inc(count));
}

export function recordEmail(outcome: "sent" | "failed" | "kept"): void {
  safely(() => metrics().emails.inc({ outcome }));
}

export function recordHeartbeat(activeJobs: number): void {
  safely(() => {
    metrics().heartbeat.set(Date.now() / 1000);
    metrics().activeJobs.set(activeJobs);
  });
}
