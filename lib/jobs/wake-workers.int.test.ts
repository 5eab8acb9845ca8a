/**
 * A job announced on the channel wakes a pg-boss poller that would otherwise sleep for an hour, and
 * the listener comes back after its connection is cut. Each test uses a queue of its own: other test
 * files announce theirs on the same channel.
 */
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createBoss } from "./boss";
import { announceJobs, listenForJobsSent, workOneAtATime, type JobsSentListener } from "./wake-workers";

const HOUR_SECONDS = 3600;
/** Not a UUID: the metrics test fails on any UUID in a label, and queue names become labels while they exist. */
const testQueueName = () => `test-wake-${randomBytes(6).toString("hex")}`;
let boss: PgBoss;
const listeners: JobsSentListener[] = [];

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await boss.start();
});
afterAll(async () => {
  await Promise.all(listeners.map((listener) => listener.stop()));
  await boss?.stop({ graceful: false });
});

/** Resolves with each queue name announced, in order, as they arrive. */
async function listen(options: { reconnectMs?: number } = {}) {
  const heard: string[] = [];
  const errors: Error[] = [];
  const waiters: { queue: string; resolve(): void }[] = [];
  const listener = await listenForJobsSent({
    connectionString: process.env.DATABASE_URL!,
    onJobsSent: (queue) => {
      heard.push(queue);
      for (const waiter of waiters.filter((entry) => entry.queue === queue)) waiter.resolve();
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  listeners.push(listener);
  const heardOf = (queue: string) => new Promise<void>((resolve) => (heard.includes(queue) ? resolve() : waiters.push({ queue, resolve })));
  return { listener, heard, errors, heardOf };
}

describe("announcing jobs", () => {
  it("tells a listener each queue once per announcement", async () => {
    const { heard, heardOf } = await listen();
    const [first, second] = [testQueueName(), testQueueName()];
    await announceJobs([first, second, first]);
    await Promise.all([heardOf(first), heardOf(second)]);
    // A later announcement arrives after the first one's, so by then nothing else of it can come.
    const marker = testQueueName();
    await announceJobs([marker]);
    await heardOf(marker);
    expect(heard.filter((queue) => [first, second].includes(queue)).sort()).toEqual([first, second].sort());
  });

  it("wakes a poller that sleeps for an hour, so the job starts now", async () => {
    const queue = testQueueName();
    await boss.createQueue(queue);
    const started: string[] = [];
    const startedJob = new Map<string, () => void>();
    const jobStarted = (id: string) => new Promise<void>((resolve) => (started.includes(id) ? resolve() : startedJob.set(id, resolve)));
    // The poller's first fetch takes a job sent before it starts; after that it sleeps an hour.
    const warmUp = (await boss.send(queue, { n: 1 }))!;
    const pollerId = await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: HOUR_SECONDS }, async ([job]: PgBoss.Job<unknown>[]) => {
      started.push(job!.id);
      startedJob.get(job!.id)?.();
    });
    await jobStarted(warmUp);
    const woken = await listenForJobsSent({
      connectionString: process.env.DATABASE_URL!,
      onJobsSent: (name) => name === queue && boss.notifyWorker(pollerId),
      onError: () => {},
    });
    listeners.push(woken);

    const next = (await boss.send(queue, { n: 2 }))!;
    await announceJobs([queue]);
    await jobStarted(next);
    expect(started).toEqual([warmUp, next]);
    await boss.offWork(queue);
  });

  it("listens again after its connection is cut, and says so", async () => {
    const { errors, heardOf } = await listen({ reconnectMs: 20 });
    const before = testQueueName();
    await announceJobs([before]);
    await heardOf(before);

    const [cut] = await db.$queryRaw<{ count: number }[]>`
      select count(*)::int as count from (
        select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'apicenter-job-listener' and query ilike 'listen%' and backend_start = (
          select max(backend_start) from pg_stat_activity where application_name = 'apicenter-job-listener'
        )
      ) as cut`;
    expect(cut?.count).toBe(1);

    // Announced until heard: notifications sent while no connection listens are not kept.
    const after = testQueueName();
    let heardAfter = false;
    const heard = heardOf(after).then(() => (heardAfter = true));
    while (!heardAfter) {
      await announceJobs([after]);
      await Promise.race([heard, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    expect(errors.map((error) => error.message).join("\n")).toMatch(/terminat/i);
  });
});

describe("working one job at a time", () => {
  it("takes a backlog job after job, although the poller would sleep an hour after each fetch", async () => {
    const queue = testQueueName();
    await boss.createQueue(queue);
    const sent = [];
    for (let n = 0; n < 3; n++) sent.push((await boss.send(queue, { n }))!);
    const handled: string[] = [];
    let allHandled!: () => void;
    const done = new Promise<void>((resolve) => (allHandled = resolve));
    await workOneAtATime(boss, queue, { pollingIntervalSeconds: HOUR_SECONDS }, async (job) => {
      handled.push(job.id);
      if (handled.length === sent.length) allHandled();
    });
    await done;
    expect([...handled].sort()).toEqual([...sent].sort());
    await boss.offWork(queue);
  });
});
