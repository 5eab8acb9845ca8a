/** A started pg-boss (send and fetch, no maintenance) with every queue of the app, as tests need to act like web and workers. */
import type PgBoss from "pg-boss";
import { createBoss, ensureQueues } from "../lib/jobs/boss";

export async function startTestBoss(): Promise<PgBoss> {
  const boss = createBoss({ role: "web" });
  await boss.start();
  await ensureQueues(boss);
  return boss;
}
