/**
 * Start of the web process (from instrumentation.ts): check the environment, apply pending
 * migrations (under the advisory lock, so web and workers may start together) and create pg-boss's
 * schema and queues. Any failure is logged and ends the process: an orchestrator restarts it, and
 * nobody is served by a half-configured server. Never seeds data or starts anything else.
 */
import { applyMigrations } from "../devstack/migrate";
import { env } from "../env";
import { webBoss } from "../jobs/boss";
import { logger } from "../logger";

export async function bootWebProcess(): Promise<void> {
  try {
    const config = env();
    await applyMigrations(config.DATABASE_URL, (line) => logger().info(line));
    await webBoss();
    logger().info({ nodeEnv: config.NODE_ENV, metrics: config.METRICS_TOKEN ? "on" : "off" }, "web process ready to serve");
  } catch (error) {
    logger().fatal({ err: error }, `web process cannot start: ${error instanceof Error ? error.message : String(error)}`);
    // Let pino's synchronous stdout write finish, then stop before serving anything.
    process.exit(1);
  }
}

export function logRequestError(error: unknown, request: { method: string; path: string; route: string; kind: string }): void {
  logger().error({ err: error, ...request }, "request failed");
}
