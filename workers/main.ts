/**
 * Worker process: boots pg-boss on the app database, creates the queues, runs the sync jobs, the
 * per-minute schedule tick, the hourly purge, the alert evaluation (every five minutes) with its
 * webhook deliveries, and tenant deletions. Stateless: start as many as you like;
 * Postgres (SKIP LOCKED claims + singleton keys) shares the work between them.
 *
 * SIGTERM/SIGINT: stop taking jobs, let running ones finish (up to the grace period), then exit.
 * A worker killed hard loses nothing either: its active job expires and pg-boss retries it, and
 * every sync step is idempotent.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { applyMigrations } from "@/lib/devstack/migrate";
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createBoss, startBoss } from "@/lib/jobs/boss";
import { ALERT_WEBHOOK_QUEUE, DELETE_TENANT_QUEUE, EVALUATE_ALERTS_QUEUE, PURGE_LOGS_QUEUE, SCHEDULE_TICK_QUEUE } from "@/lib/jobs/queues";
import { logger, setProcessLogContext, withLogContext } from "@/lib/logger";
import { listenForJobsSent, workOneAtATime } from "@/lib/jobs/wake-workers";
import { recordJob } from "@/lib/metrics/metrics";
import { SYNC_MODULES } from "@/lib/sync/modules";
import { startHeartbeat } from "./heartbeat";
import { startWorkerHttpServer } from "./http-server";
import { handleDeleteTenantJob } from "./jobs/delete-tenant";
import { handleDeliverWebhookJob } from "./jobs/deliver-webhook";
import { handleEvaluateAlertsJob } from "./jobs/evaluate-alerts";
import { handlePurgeLogsJob } from "./jobs/purge-logs";
import { handleScheduleTickJob } from "./jobs/schedule-tick";
import { handleSyncJob } from "./jobs/sync-module";

const instance = randomUUID().slice(0, 8);
let workerId = `worker-${instance}`;
const startedAt = new Date();
const active = new Set<string>();
let stopping = false;
setProcessLogContext({ workerId });
const log = (message: string) => logger().info(message);

/** Runs one job with its id (and, once known, its tenant's) on every log line, counted in the active set and the metrics. */
function track<T>(queue: string, jobId: string, run: () => Promise<T>): Promise<T> {
  const label = `${queue}:${jobId}`;
  const started = Date.now();
  const ended = (outcome: "completed" | "failed", error?: unknown) => {
    recordJob(queue, outcome, Date.now() - started);
    logger()[outcome === "completed" ? "info" : "warn"]({ durationMs: Date.now() - started, ...(error ? { err: error } : {}) }, `job ${outcome}`);
  };
  return withLogContext({ jobId, queue }, async () => {
    active.add(label);
    try {
      const result = await run();
      ended("completed");
      return result;
    } catch (error) {
      ended("failed", error);
      throw error;
    } finally {
      active.delete(label);
    }
  });
}

async function main() {
  const config = env();
  workerId = `${config.WORKER_NAME}-${instance}`;
  setProcessLogContext({ workerId });
  await applyMigrations(config.DATABASE_URL, log);
  const boss = createBoss({ role: "worker" });
  await startBoss(boss);

  const pollingIntervalSeconds = config.WORKER_POLL_SECONDS;
  const pollers = new Map<string, string[]>();
  for (const { queue } of SYNC_MODULES.modules) {
    // Several pollers per queue so one worker serves many tenants at once.
    for (let i = 0; i < config.WORKER_CONCURRENCY; i++) {
      const pollerId = await workOneAtATime(boss, queue, { pollingIntervalSeconds }, (job) =>
        track(queue, job.id, () => handleSyncJob(job, SYNC_MODULES, boss)),
      );
      pollers.set(queue, [...(pollers.get(queue) ?? []), pollerId]);
    }
  }
  // A sync job sent anywhere (the dashboard's "sync now", the tick) starts now, not at the next poll.
  const jobsSent = await listenForJobsSent({
    connectionString: config.DATABASE_URL,
    onJobsSent: (queue) => pollers.get(queue)?.forEach((pollerId) => boss.notifyWorker(pollerId)),
    onError: (error) => logger().warn({ err: error }, `job listener: ${error.message}; polling every ${pollingIntervalSeconds} s meanwhile`),
  });
  await boss.work(SCHEDULE_TICK_QUEUE, { pollingIntervalSeconds }, async () => handleScheduleTickJob(boss));
  await boss.work(PURGE_LOGS_QUEUE, { pollingIntervalSeconds: 30 }, async () => handlePurgeLogsJob());
  await boss.work(EVALUATE_ALERTS_QUEUE, { pollingIntervalSeconds: 30 }, async () => handleEvaluateAlertsJob(boss));
  await boss.work(ALERT_WEBHOOK_QUEUE, { pollingIntervalSeconds }, async ([job]: PgBoss.Job<unknown>[]) =>
    job ? track(ALERT_WEBHOOK_QUEUE, job.id, () => handleDeliverWebhookJob(job)) : undefined,
  );
  await boss.work(DELETE_TENANT_QUEUE, { pollingIntervalSeconds: 30 }, async ([job]: PgBoss.Job<unknown>[]) =>
    job ? track(DELETE_TENANT_QUEUE, job.id, () => handleDeleteTenantJob(job)) : undefined,
  );
  if (config.WORKER_SCHEDULES === "on") {
    await boss.schedule(SCHEDULE_TICK_QUEUE, "* * * * *");
    await boss.schedule(PURGE_LOGS_QUEUE, "17 * * * *");
    // Alert conditions are hours long; every five minutes is soon enough (docs/alerts.md).
    await boss.schedule(EVALUATE_ALERTS_QUEUE, "*/5 * * * *");
    // Kick once now so due modules start without waiting for the first cron minute.
    await boss.send(SCHEDULE_TICK_QUEUE, {});
  } else {
    // Tests drive the queues themselves; a tick would also sync other test files' tenants.
    for (const queue of [SCHEDULE_TICK_QUEUE, EVALUATE_ALERTS_QUEUE]) await boss.unschedule(queue).catch(() => {});
  }

  const heartbeat = startHeartbeat(workerId, () => [...active]);
  const server = config.WORKER_HTTP_PORT
    ? await startWorkerHttpServer(config.WORKER_HTTP_PORT, { workerId, startedAt, heartbeat, activeJobs: () => [...active], stopping: () => stopping })
    : undefined;
  log(`ready (concurrency ${config.WORKER_CONCURRENCY} per queue${server ? `, health and metrics on port ${config.WORKER_HTTP_PORT}` : ""})`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing ${active.size} running job(s), taking no new ones`);
    await jobsSent.stop();
    await boss.stop({ graceful: true, wait: true, timeout: config.WORKER_STOP_GRACE_MS });
    await heartbeat.stop();
    server?.close();
    await disconnectDb();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  logger().fatal({ err: error }, `worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
