/**
 * Vitest global setup: gives every test file a migrated PostgreSQL in DATABASE_URL. `npm test`
 * prepares it before vitest starts; run alone, vitest starts the embedded test server itself and
 * uses a database of its own (named after its process), so parallel runs never meet. The server
 * is left running for the next run: another vitest run may be using it right now.
 */
import pg from "pg";
import { prepareTestDatabase, withDatabaseName } from "../lib/devstack/test-database";

export default async function setup() {
  if (process.env.APICENTER_TEST_DB_READY === "1") return;
  const name = `apicenter_test_${process.pid}`;
  const { url } = await prepareTestDatabase(name);
  process.env.DATABASE_URL = url;
  process.env.APICENTER_TEST_DB_READY = "1";
  return async () => {
    const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  };
}
