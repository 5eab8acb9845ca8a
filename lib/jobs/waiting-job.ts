/**
 * The job that waits (pg-boss state "created") under a singleton key, read and changed in
 * pg-boss's own table. pg-boss 10 has no call for either, and its cancel() also cancels an active
 * job, which would let a second run of the module start beside the first. Every change here is one
 * conditional UPDATE that only matches while the job still waits, so a worker taking it at the same
 * moment wins and the caller learns it (false).
 */
import { db } from "../db";

export type WaitingJob = { id: string; data: unknown; startAfter: Date };

export async function findWaitingJob(queue: string, singletonKey: string): Promise<WaitingJob | undefined> {
  const rows = await db.$queryRaw<{ id: string; data: unknown; start_after: Date }[]>`
    select id::text, data, start_after from pgboss.job
    where name = ${queue} and singleton_key = ${singletonKey} and state = 'created'
    limit 1`;
  const row = rows[0];
  return row ? { id: row.id, data: row.data, startAfter: row.start_after } : undefined;
}

/** Gives a waiting job a new payload; false when it no longer waits. */
export async function replaceWaitingJobData(queue: string, id: string, data: object): Promise<boolean> {
  const changed = await db.$executeRaw`
    update pgboss.job set data = ${JSON.stringify(data)}::jsonb
    where name = ${queue} and id = ${id}::uuid and state = 'created'`;
  return changed === 1;
}

/** Cancels every waiting job whose singleton key starts with `prefix` (a tenant's); returns how many. */
export async function cancelWaitingJobs(singletonKeyPrefix: string): Promise<number> {
  return db.$executeRaw`
    update pgboss.job set state = 'cancelled', completed_on = now()
    where state in ('created', 'retry') and starts_with(singleton_key, ${singletonKeyPrefix})`;
}
