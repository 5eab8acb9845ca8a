/**
 * Every minute: enqueue each tenant module whose interval has passed, all in a few statements.
 * Duplicates are refused by the singleton key. See docs/performance.md, "The schedule tick".
 */
import type PgBoss from "pg-boss";
import { enqueueSyncs } from "@/lib/sync/engine/enqueue-sync";
import { findDueModules } from "@/lib/sync/engine/find-due-modules";

export async function handleScheduleTickJob(boss: PgBoss) {
  const started = Date.now();
  const due = await findDueModules();
  const { queued } = await enqueueSyncs(due, "SCHEDULE", boss);
  return { due: due.length, queued, durationMs: Date.now() - started };
}
