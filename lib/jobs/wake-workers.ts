/**
 * Workers learn of a new job at once instead of at their next poll (docs/performance.md, "Job
 * pickup"). pg-boss 10 only polls; its `notifyWorker(id)` wakes one of this process's pollers. A
 * process that sends jobs announces their queues on a Postgres channel (NOTIFY, delivered when the
 * sending statement has committed, so the job is visible to whoever fetches); every worker process
 * LISTENs on one connection of its own and wakes its pollers of that queue.
 *
 * Polling stays the safety net: a lost notification, a listener that is reconnecting, or a
 * connection pooler that does not pass LISTEN on (PgBouncer in transaction mode) only makes pickup
 * as slow as the poll interval again, never loses a job. And a poller that finished a job fetches
 * the next at once (workOneAtATime), so a backlog does not wait a poll interval per job either.
 */
import pg from "pg";
import type PgBoss from "pg-boss";
import { db } from "../db";
import { logger } from "../logger";

/**
 * boss.work with batches of one, except that a poller which has just finished a job fetches again
 * at once: pg-boss 10 waits out the rest of the poll interval after every fetch, so a backlog (the
 * schedule tick's burst) would drain at one job per poller per interval. The poller sleeps only
 * when a fetch finds nothing. Returns the poller's id, for notifyWorker.
 */
export async function workOneAtATime(
  boss: PgBoss,
  queue: string,
  options: { pollingIntervalSeconds: number },
  handle: (job: PgBoss.Job<unknown>) => Promise<unknown>,
): Promise<string> {
  // Known once boss.work returns, which is before any fetch can have answered.
  const poller: { id?: string } = {};
  poller.id = await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds }, async ([job]: PgBoss.Job<unknown>[]) => {
    try {
      return job ? await handle(job) : undefined;
    } finally {
      if (poller.id) boss.notifyWorker(poller.id);
    }
  });
  return poller.id;
}

/** The channel's name; the payload is a queue name. */
export const JOBS_SENT_CHANNEL = "apicenter_jobs_sent";

/**
 * After the jobs are committed: wakes every worker polling these queues. Jobs that start later need
 * no call. Never fails its caller: the jobs are queued already, and polling finds them anyway.
 */
export async function announceJobs(queues: Iterable<string>): Promise<void> {
  const names = [...new Set(queues)];
  if (!names.length) return;
  try {
    await db.$executeRaw`select pg_notify(${JOBS_SENT_CHANNEL}, queue) from unnest(${names}::text[]) as queue`;
  } catch (error) {
    logger().warn({ err: error }, `could not announce new jobs (${names.join(", ")}); workers find them at their next poll`);
  }
}

export type JobsSentListener = { stop(): Promise<void> };

type ListenOptions = {
  connectionString: string;
  onJobsSent(queue: string): void;
  /** A lost connection, and each failed attempt to connect again (polling carries on meanwhile). */
  onError(error: Error): void;
  /** First wait before connecting again; doubled per failure up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
};

/** Listens on one dedicated connection (a pooled one would lose the LISTEN), connecting again after a loss. */
export async function listenForJobsSent(options: ListenOptions): Promise<JobsSentListener> {
  const firstWaitMs = options.reconnectMs ?? 1_000;
  const maxWaitMs = options.maxReconnectMs ?? 30_000;
  let client: pg.Client | undefined;
  let stopped = false;
  let waitMs = firstWaitMs;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.connectionString, application_name: "apicenter-job-listener" });
    next.on("notification", (message) => {
      if (message.channel === JOBS_SENT_CHANNEL && message.payload) options.onJobsSent(message.payload);
    });
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, new Error("the job listener's connection ended")));
    try {
      await next.connect();
      await next.query(`listen ${JOBS_SENT_CHANNEL}`);
    } catch (error) {
      next.removeAllListeners("end");
      await next.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    waitMs = firstWaitMs;
  };

  const lost = (which: pg.Client, error: Error) => {
    if (stopped || client !== which) return;
    client = undefined;
    which.removeAllListeners("end");
    which.end().catch(() => {});
    options.onError(error);
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: Error) => {
        options.onError(error);
        waitMs = Math.min(maxWaitMs, waitMs * 2);
        scheduleReconnect();
      });
    }, waitMs);
    timer.unref();
  };

  await connect().catch((error: Error) => {
    options.onError(error);
    scheduleReconnect();
  });

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners("end");
        await current.end().catch(() => {});
      }
    },
  };
}
