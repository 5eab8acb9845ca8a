/**
 * The test database: DATABASE_URL when set, else the embedded PostgreSQL in .data/pg-test.
 * Used by `npm test` and by vitest's global setup (so `npx vitest run file` works alone too).
 */
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-db";
import { applyMigrations, migrationNames, migrationSql } from "./migrate";
import { PORTS } from "./ports";

export const TEST_PG_PORT = Number(process.env.APICENTER_TEST_PG_PORT ?? PORTS.testPostgres);

export function withDatabaseName(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

export async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Starts (or reuses) the test server and returns a migrated, empty database named `name`. */
export async function prepareTestDatabase(name: string): Promise<{ url: string; server?: EmbeddedDatabase }> {
  let server: EmbeddedDatabase | undefined;
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    server = await startEmbeddedPostgres({ dataDir: ".data/pg-test", port: TEST_PG_PORT, database: "postgres" });
    baseUrl = server.url;
  }
  const url = withDatabaseName(baseUrl, name);
  await recreateDatabase(url);
  await applyMigrations(url);
  return { url, server };
}

/**
 * A database of its own for one migration's test, on the test server: `upTo` gives a connected client
 * on a fresh database with every migration before `migration` applied (the caller ends it), `apply`
 * runs `migration` in a transaction, `drop` removes the database.
 */
export function migrationTestDatabase(migration: string, label: string) {
  const url = withDatabaseName(process.env.DATABASE_URL!, `apicenter_${label}_${process.pid}`);
  return {
    url,
    async upTo(): Promise<pg.Client> {
      await recreateDatabase(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const name of migrationNames().filter((candidate) => candidate < migration)) await client.query(migrationSql(name));
      return client;
    },
    async apply(client: pg.Client): Promise<void> {
      await client.query("begin");
      await client.query(migrationSql(migration));
      await client.query("commit");
    },
    async drop(): Promise<void> {
      const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
