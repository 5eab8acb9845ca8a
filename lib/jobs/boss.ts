/**
 * pg-boss on the app's own Postgres (schema "pgboss"). The web process uses a send-only instance
 * (no maintenance, no cron); workers start the full one in workers/main.ts.
 */
import PgBoss from "pg-boss";
import { env } from "../env";
import type { ModuleRegistry } from "../sync/engine/module-registry";
import { SYNC_MODULES } from "../sync/modules";
import { PURGE_LOGS_QUEUE, SCHEDULE_TICK_QUEUE, syncQueueOptions } from "./queues";

export function createBoss(options: { role: "web" | "worker" }): PgBoss {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: "pgboss",
    max: options.role === "web" ? 3 : 6,
    supervise: options.role === "worker",
    schedule: options.role === "worker",
    maintenanceIntervalSeconds: env().PGBOSS_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error) => console.error(`[pg-boss] ${error.message}`));
  return boss;
}

/** Creates every queue the app uses (one per sync module); safe to call from several processes. */
export async function ensureQueues(boss: PgBoss, registry: ModuleRegistry = SYNC_MODULES): Promise<void> {
  for (const module of registry.modules) {
    const name = module.queue;
    const existing = await boss.getQueue(name);
    if (existing) await boss.updateQueue(name, { name, ...syncQueueOptions(module) });
    else await boss.createQueue(name, { name, ...syncQueueOptions(module) }).catch(ignoreAlreadyExists);
  }
  for (const name of [SCHEDULE_TICK_QUEUE, PURGE_LOGS_QUEUE]) {
    // "short": a tick that is still queued absorbs the next one instead of piling up.
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, { name, policy: "short", retryLimit: 2, expireInSeconds: 300 }).catch(ignoreAlreadyExists);
    }
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
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })();
  return globalForBoss.webBoss;
}
