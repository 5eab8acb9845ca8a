/** Writes this worker's liveness to Postgres every few seconds, for the dashboard and the health port. */
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { recordHeartbeat } from "@/lib/metrics/metrics";

export type Heartbeat = {
  /** When the last beat reached the database (undefined before the first). */
  lastBeatAt(): Date | undefined;
  intervalMs: number;
  stop(): Promise<void>;
};

export function startHeartbeat(workerId: string, activeJobs: () => string[], intervalMs = 10_000): Heartbeat {
  const startedAt = new Date();
  let lastBeatAt: Date | undefined;
  const beat = async () => {
    const now = new Date();
    const jobs = activeJobs();
    try {
      await db.workerHeartbeat.upsert({
        where: { workerId },
        create: { workerId, hostname: hostname(), pid: process.pid, startedAt, lastSeenAt: now, activeJobs: jobs },
        update: { lastSeenAt: now, activeJobs: jobs },
      });
      lastBeatAt = now;
      recordHeartbeat(jobs.length);
    } catch (error) {
      logger().error({ err: error }, "heartbeat failed");
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  return {
    lastBeatAt: () => lastBeatAt,
    intervalMs,
    stop: async () => {
      clearInterval(timer);
      await db.workerHeartbeat.delete({ where: { workerId } }).catch(() => {});
    },
  };
}
