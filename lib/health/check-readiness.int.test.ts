import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations, migrationNames } from "../devstack/migrate";
import { recreateDatabase, withDatabaseName } from "../devstack/test-database";
import { checkReadiness } from "./check-readiness";

// A database of its own, so it can be empty, half-migrated and complete in turn.
const url = withDatabaseName(process.env.DATABASE_URL!, `apicenter_ready_${process.pid}`);
let client: PrismaClient;

beforeAll(async () => {
  await recreateDatabase(url);
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
});

afterAll(async () => {
  await client?.$disconnect();
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await admin.end();
});

async function sql(statement: string) {
  const connection = new pg.Client({ connectionString: url });
  await connection.connect();
  await connection.query(statement);
  await connection.end();
}

describe("readiness", () => {
  it("names what is missing, step by step, until the database is migrated and pg-boss's schema exists", async () => {
    expect(await checkReadiness(client)).toEqual({
      ready: false,
      checks: {
        database: { ok: true },
        migrations: { ok: false, detail: "no migrations applied yet" },
        jobQueue: { ok: false, detail: "pg-boss schema missing" },
      },
    });

    await applyMigrations(url);
    const last = migrationNames().at(-1)!;
    await sql(`delete from app_migrations where name = '${last}'`);
    expect((await checkReadiness(client)).checks.migrations).toEqual({ ok: false, detail: "1 migration(s) not applied yet" });

    await sql(`insert into app_migrations (name) values ('${last}')`);
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
    await boss.stop({ graceful: false });
    expect(await checkReadiness(client)).toEqual({ ready: true, checks: { database: { ok: true }, migrations: { ok: true }, jobQueue: { ok: true } } });
  });

  it("reports an unreachable database without quoting the error (it can name internal hosts)", async () => {
    const closed = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody:pw@127.0.0.1:1/none", connectionTimeoutMillis: 1000 }) });
    const readiness = await checkReadiness(closed);
    expect(readiness).toEqual({
      ready: false,
      checks: {
        database: { ok: false, detail: "check failed (see the process log)" },
        migrations: { ok: false, detail: "database unreachable" },
        jobQueue: { ok: false, detail: "database unreachable" },
      },
    });
    expect(JSON.stringify(readiness)).not.toContain("127.0.0.1");
    await closed.$disconnect();
  });
});
