/**
 * Queue depth per pg-boss queue, read from its tables when Prometheus scrapes. The two queue gauges
 * share one query per scrape (the result is reused for a second).
 */
import { db } from "../db";
import { logger } from "../logger";

export type QueueDepth = { queue: string; waiting: number; active: number; oldestWaitSeconds: number };

const REUSE_MS = 1000;
let last: { at: number; depths: Promise<QueueDepth[]> } | undefined;

async function queryQueueDepths(): Promise<QueueDepth[]> {
  // job_state is an enum in lifecycle order: created < retry < active < completed < …
  return db.$queryRaw<QueueDepth[]>`
    select q.name as queue,
      (count(j.id) filter (where j.state in ('created', 'retry')))::int as waiting,
      (count(j.id) filter (where j.state = 'active'))::int as active,
      coalesce(extract(epoch from now() - min(j.start_after) filter (where j.state in ('created', 'retry') and j.start_after <= now())), 0)::float8 as "oldestWaitSeconds"
    from pgboss.queue q
    left join pgboss.job j on j.name = q.name and j.state < 'completed'
    group by q.name
    order by q.name`;
}

/** Empty (and logged) when the database or pg-boss's schema cannot be read: the scrape still answers. */
export function readQueueDepths(): Promise<QueueDepth[]> {
  if (!last || Date.now() - last.at > REUSE_MS) {
    const depths = queryQueueDepths().catch((error: unknown) => {
      logger().warn({ err: error }, "queue metrics unavailable");
      return [];
    });
    last = { at: Date.now(), depths };
  }
  return last.depths;
}
