import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { recreateDatabase, withDatabaseName } from "./test-database";

const url = withDatabaseName(process.env.DATABASE_URL!, `apicenter_migrate_${process.pid}`);

afterAll(async () => {
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await admin.end();
});

describe("migrations", () => {
  it("apply on an empty database, once, even when two processes start together", async () => {
    await recreateDatabase(url);
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    // Exactly one of the two runs applied the migrations; the other found them done.
    expect([...first, ...second].length).toBeGreaterThan(0);
    expect(first.length === 0 || second.length === 0).toBe(true);
    expect(await applyMigrations(url)).toEqual([]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    await client.end();
    const names = tables.rows.map((row) => row.table_name);
    for (const table of [
      "Tenant",
      "User",
      "Membership",
      "Connection",
      "Settings",
      "Mapping",
      "SyncCursor",
      "SyncRun",
      "SyncItem",
      "LogEntry",
      "AuditEvent",
      "OutboundEmail",
    ]) {
      expect(names).toContain(table);
    }
  });
});
