/**
 * Readiness of a web or worker process: the database answers, every committed migration is
 * applied, and pg-boss's schema exists. Shared by /api/health/ready and the worker's HTTP port.
 * The answer names each check but never the error text (it is unauthenticated, and a connection
 * error can name internal hosts); the detail goes to the process log.
 */
import { db, type PrismaClient } from "../db";
import { migrationNames } from "../devstack/migrate";
import { logger } from "../logger";

export type CheckResult = { ok: boolean; detail?: string };
export type Readiness = { ready: boolean; checks: Record<string, CheckResult> };

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function check(name: string, run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await withTimeout(run());
  } catch (error) {
    logger().warn({ err: error, check: name }, `readiness check ${name} failed`);
    return { ok: false, detail: "check failed (see the process log)" };
  }
}

type Database = Pick<PrismaClient, "$queryRaw">;

async function migrationsApplied(db: Database): Promise<CheckResult> {
  const rows = await db.$queryRaw<{ exists: boolean }[]>`select to_regclass('public.app_migrations') is not null as exists`;
  if (!rows[0]?.exists) return { ok: false, detail: "no migrations applied yet" };
  const applied = new Set((await db.$queryRaw<{ name: string }[]>`select name from app_migrations`).map((row) => row.name));
  const pending = migrationNames().filter((name) => !applied.has(name));
  return pending.length ? { ok: false, detail: `${pending.length} migration(s) not applied yet` } : { ok: true };
}

async function jobQueueSchema(db: Database): Promise<CheckResult> {
  const rows = await db.$queryRaw<{ exists: boolean }[]>`select to_regclass('pgboss.version') is not null as exists`;
  return rows[0]?.exists ? { ok: true } : { ok: false, detail: "pg-boss schema missing" };
}

/** `database` is the process's own client; tests pass another. */
export async function checkReadiness(database: Database = db): Promise<Readiness> {
  const reachable = await check("database", async () => {
    await database.$queryRaw`select 1`;
    return { ok: true };
  });
  const checks: Record<string, CheckResult> = reachable.ok
    ? {
        database: reachable,
        migrations: await check("migrations", () => migrationsApplied(database)),
        jobQueue: await check("jobQueue", () => jobQueueSchema(database)),
      }
    : { database: reachable, migrations: { ok: false, detail: "database unreachable" }, jobQueue: { ok: false, detail: "database unreachable" } };
  return { ready: Object.values(checks).every((result) => result.ok), checks };
}
