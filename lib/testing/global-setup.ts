/**
 * Vitest global setup: gives every test file a migrated PostgreSQL in DATABASE_URL. `npm test`
 * prepares it before vitest starts; run alone, vitest starts the embedded test server itself.
 */
import { prepareTestDatabase } from "../devstack/test-database";

export default async function setup() {
  if (process.env.APICENTER_TEST_DB_READY === "1") return;
  const { url, server } = await prepareTestDatabase("apicenter_test");
  process.env.DATABASE_URL = url;
  process.env.APICENTER_TEST_DB_READY = "1";
  return async () => {
    await server?.stop();
  };
}
