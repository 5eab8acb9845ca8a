/** Writes this worker's liveness to Postgres every few seconds, for the dashboard. */
import { hostname } from "node:os";
import { db } from "@/lib/db";

export function startHeartbeat(workerId: string, activeJobs: () => string[], intervalMs = 10_000) {
  const startedAt = new Date();
  const beat = () =>
    db.workerHeartbeat
      .upsert({
        where: { workerId },
        create: { workerId, hostname: hostname(), pid: process.pid, startedAt, lastSeenAt: new Date(), activeJobs: activeJobs() },
        update: { lastSeenAt: new Date(), activeJobs: activeJobs() },
      })
      .catch((error: Error) => console.error(`[worker] heartbeat failed: ${error.message}`));
  void beat();
  const timer = setInterval(beat, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await db.workerHeartbeat.delete({ where: { workerId } }).catch(() => {});
    },
  };
}
