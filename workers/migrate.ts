/**
 * `npm run migrate`: applies the pending migrations to DATABASE_URL and exits. Web and workers do
 * the same when they start (under one advisory lock, so only one of them applies each migration);
 * run this first when you want an upgrade's migrations done before any new process starts.
 */
import { applyMigrations } from "@/lib/devstack/migrate";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

async function main() {
  const applied = await applyMigrations(env().DATABASE_URL, (line) => logger().info(line));
  logger().info(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
}

main().catch((error) => {
  logger().fatal({ err: error }, `migrations not applied: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
