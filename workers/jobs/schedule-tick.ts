/** Every minute: enqueue each tenant module whose interval has passed. Duplicates are refused by the singleton key. */
import type PgBoss from "pg-boss";
import { enqueueSync } from "@/lib/sync/engine/enqueue-sync";
import { findDueModules } from "@/lib/sync/engine/find-due-modules";

export async function handleScheduleTickJob(boss: PgBoss) {
  const due = await findDueModules();
  let queued = 0;
  for (const { tenantId, module } of due) {
    const result = await enqueueSync({ tenantId, module, trigger: "SCHEDULE" }, boss);
    if (result.queued) queued++;
  }
  return { due: due.length, queued };
}
