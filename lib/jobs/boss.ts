/**
 * pg-boss on the app's own Postgres (schema "pgboss"). The web process uses a send-only instance
 * (no maintenance, no cron); workers start the full one in workers/main.ts.
 */
import pg from "pg";
import PgBoss from "pg-boss";
import { env } from "../env";
import { logger } from "../logger";
import type { ModuleRegistry } from "../sync/engine/module-registry";
import { SYNC_MODULES } from "../sync/modules";
import { SERVICE_QUEUES, syncQueueOptions } from "./queues";

export function createBoss(options: { role: "web" | "worker" }): PgBoss {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: "pgboss",
    max: options.role === "web" ? 3 : 6,
    supervise: options.role === "worker",
    schedule: options.role === "worker",
    maintenanceIntervalSeconds: env().PGBOSS_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error) => logger().error({ err: error }, `pg-boss: ${error.message}`));
  return boss;
}

const QUEUES_LOCK_ID = 7_240_302; // any constant; shared by every process that starts pg-boss here

/**
 * Processes that start together take turns creating pg-boss's schema and queues (an advisory
 * lock): pg-boss 10's create_queue deadlocks when two run at once (a web and a worker starting
 * together, or a worker's scheduler creating its own queue).
 */
async function underQueueLock(work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [QUEUES_LOCK_ID]);
    await work();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [QUEUES_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

/** Starts pg-boss and creates every queue the app uses; safe when several processes start at once. */
export async function startBoss(boss: PgBoss, registry: ModuleRegistry = SYNC_MODULES): Promise<void> {
  await underQueueLock(async () => {
    await boss.start();
    await createQueues(boss, registry);
  });
}

/** Creates the queues of `registry` (e.g. a test's own) on a started instance, under the same lock. */
export async function ensureQueues(boss: PgBoss, registry: ModuleRegistry = SYNC_MODULES): Promise<void> {
  await underQueueLock(() => createQueues(boss, registry));
}

/** One queue per sync module, plus the service queues (tick, purge, alerts, tenant deletion). */
async function createQueues(boss: PgBoss, registry: ModuleRegistry): Promise<void> {
  for (const module of registry.modules) {
    const name = module.queue;
    const existing = await boss.getQueue(name);
    if (existing) await boss.updateQueue(name, { name, ...syncQueueOptions(module) });
    else await boss.createQueue(name, { name, ...syncQueueOptions(module) }).catch(ignoreAlreadyExists);
  }
  for (const [name, options] of Object.entries(SERVICE_QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...options }).catch(ignoreAlreadyExists);
  }
}

function ignoreAlreadyExists(error: Error): void {
  if (!/already exists|duplicate key/i.test(error.message)) throw error;
}

const globalForBoss = globalThis as unknown as { webBoss?: Promise<PgBoss> };

/** The web process's send-only instance, started once. */
export function webBoss(): Promise<PgBoss> {
  globalForBoss.webBoss ??= (async () => {
    const boss = createBoss({ role: "web" });
    await startBoss(boss);
    return boss;
  })();
  return globalForBoss.webBoss;
}
