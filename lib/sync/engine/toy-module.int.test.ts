/**
 * A module is one definition: this test defines a toy module here and nowhere else, and runs it
 * through everything the app's own modules go through — the schedules schema and its defaults,
 * the scheduler with a prerequisite, its own pg-boss queue and the job handler, the engine with
 * its ledger, attempt cap and cursor — without touching any other file.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSyncJob } from "../../../workers/jobs/sync-module";
import { createTestTenant } from "../../../testing/fixtures";
import { db } from "../../db";
import { AppError } from "../../errors";
import { createBoss, ensureQueues } from "../../jobs/boss";
import { SYNC_MODULES } from "../modules";
import { passStartCursor, readCursor, SinceCursorCodec } from "./cursor";
import { defineSyncModule, recordWords, UNCHANGED, type PlannedWrite } from "./define-sync-module";
import { enqueueSync } from "./enqueue-sync";
import { findDueModules } from "./find-due-modules";
import { createModuleRegistry } from "./module-registry";
import { evaluatePrerequisites, type Prerequisite } from "./prerequisites";
import { MAX_TRANSIENT_IN_A_ROW } from "./run-module-pass";
import type { RunSummary } from "./run-sync-module";

type ToyRecord = { id: string; name: string; changedAt: Date };

/** The toy's "remote systems": a source it reads and a target it writes, both in memory. */
const source = new Map<string, ToyRecord>();
const target = new Map<string, string>();
const closedTenants = new Set<string>();

const sourceOpen: Prerequisite = {
  id: "toy-source-open",
  description: "The toy source is open for this tenant.",
  code: "CONNECTION_MISSING",
  unmetFor: async (tenantIds) => new Map(tenantIds.filter((id) => closedTenants.has(id)).map((id) => [id, "The toy source is closed."])),
};

const toy = defineSyncModule({
  id: "TOY_ECHO",
  slug: "toy-echo",
  label: "Toy echo",
  recordName: "toy",
  color: "#111111",
  queue: "sync-toy-echo",
  defaultSchedule: { enabled: true, intervalMinutes: 1 },
  cursor: passStartCursor<ToyRecord>({ overlapMs: 0 }),
  retry: { httpAttempts: 1, perRecordAttempts: 2, jobRetries: 0 },
  prerequisites: [sourceOpen],
  ledger: { mode: "checkpoint" },
  concurrency: () => 2,
  steps: {
    open: async (ctx) => ({ ctx }),
    async *read(_run, since) {
      yield { page: 1, items: [...source.values()].filter((record) => !since || record.changedAt >= since) };
    },
    readOne: async (_run, id) => source.get(id),
    externalIdOf: (record) => record.id,
    async map(_run, record, previous) {
      if (previous?.state === "DONE" && previous.payloadHash === record.name) return { action: "skip", reason: UNCHANGED };
      const payload = { id: record.id, name: record.name };
      return previous?.targetId
        ? { action: "update", target: recordWords("toy", { id: previous.targetId }, `toy ${previous.targetId}`), payload, payloadHash: record.name }
        : { action: "create", target: recordWords("newToy", {}, "a new toy"), payload, payloadHash: record.name };
    },
    async write(_run, { payload }: PlannedWrite<{ id: string; name: string }>) {
      if (payload.name === "broken") throw new AppError("REMOTE_UNAVAILABLE", "The toy target is down.");
      target.set(`T-${payload.id}`, payload.name);
      return { targetId: `T-${payload.id}` };
    },
  },
});

const registry = createModuleRegistry([...SYNC_MODULES.modules, toy]);
let boss: PgBoss;

beforeAll(async () => {
  boss = createBoss({ role: "web" });
  await boss.start();
});
afterAll(async () => boss?.stop({ graceful: false }));

/** Sends the toy's job as the scheduler would and handles it as a worker does. */
async function runToyJob(tenantId: string): Promise<RunSummary> {
  const queued = await enqueueSync({ tenantId, module: toy.id, trigger: "SCHEDULE" }, boss, registry);
  expect(queued.queued).toBe(true);
  const [job] = await boss.fetch<unknown>(toy.queue);
  expect(job).toBeDefined();
  const summary = (await handleSyncJob(job!, registry)) as RunSummary;
  await boss.complete(toy.queue, job!.id);
  return summary;
}

describe("a module defined in one place", () => {
  it("gets a schedule, a queue, a scheduler slot and a run without any other file knowing it", async () => {
    const { tenant } = await createTestTenant("toy");
    const { tenant: closed } = await createTestTenant("toy-closed");
    closedTenants.add(closed.id);
    const now = new Date();
    source.set("a", { id: "a", name: "Alpha", changedAt: now });
    source.set("b", { id: "b", name: "Beta", changedAt: now });
    source.set("c", { id: "c", name: "broken", changedAt: now });

    // Schedules: the tenant's stored settings predate the toy; its default schedule applies.
    const stored = await db.settings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(stored.schedules).not.toHaveProperty(toy.id);
    expect(registry.schedulesSchema.parse(stored.schedules)).toMatchObject({
      [toy.id]: toy.defaultSchedule,
      ORDER_EXPORT: SYNC_MODULES.defaultSchedules.ORDER_EXPORT,
    });

    // Scheduler: due for the open tenant; skipped for the one whose prerequisite fails.
    const due = await findDueModules(now, registry);
    expect(due).toContainEqual({ tenantId: tenant.id, module: toy.id });
    expect(due).not.toContainEqual({ tenantId: closed.id, module: toy.id });
    // The app's own modules need connections, which these tenants do not have.
    expect(due.filter((entry) => entry.tenantId === tenant.id).map((entry) => entry.module)).toEqual([toy.id]);

    // Queue: created from the definition, with its job retries.
    await ensureQueues(boss, registry);
    expect(await boss.getQueue(toy.queue)).toMatchObject({ name: toy.queue, policy: "stately", retryLimit: 0 });

    // A run: two records written, the broken one left to try again, the cursor moved.
    const first = await runToyJob(tenant.id);
    expect(first).toMatchObject({ module: toy.id, status: "SUCCEEDED", counts: { created: 2, failed: 0 } });
    expect([...target.entries()].sort()).toEqual([
      ["T-a", "Alpha"],
      ["T-b", "Beta"],
    ]);
    const pending = await db.syncItem.findFirstOrThrow({ where: { tenantId: tenant.id, module: toy.id, externalId: "c" } });
    expect(pending).toMatchObject({ state: "PENDING", attempts: 1, errorCode: "REMOTE_UNAVAILABLE" });
    expect(await readCursor(tenant.id, toy.id, SinceCursorCodec)).not.toBeNull();

    // The per-record attempt cap applies to every module: the second failure is final.
    const second = await runToyJob(tenant.id);
    expect(second).toMatchObject({ status: "PARTIAL", counts: { created: 0, failed: 1 } });
    const failed = await db.syncItem.findFirstOrThrow({ where: { id: pending.id } });
    expect(failed).toMatchObject({ state: "FAILED", attempts: 2, errorCode: "RETRIES_EXHAUSTED" });
    expect(failed.lastError).toBe("Tried 2 times without success; the last error was: The toy target is down.");

    // The dashboard can ask why a module may not run for a tenant.
    expect(await evaluatePrerequisites(toy.prerequisites, closed.id)).toEqual([
      { id: "toy-source-open", description: "The toy source is open for this tenant.", met: false, reason: "The toy source is closed." },
    ]);
    expect((await evaluatePrerequisites(toy.prerequisites, tenant.id))[0]!.met).toBe(true);

    // A run started while a prerequisite fails stops with the check's reason.
    const refused = await runToyJob(closed.id);
    expect(refused).toMatchObject({ status: "FAILED", error: "The toy source is closed." });
  });

  it("stops taking records when the target keeps failing, leaving the rest untouched and the cursor where it was", async () => {
    const { tenant } = await createTestTenant("toy-down");
    source.clear();
    for (let i = 0; i < 30; i++) source.set(`down-${i}`, { id: `down-${i}`, name: "broken", changedAt: new Date() });
    const run = await runToyJob(tenant.id);
    expect(run.status).toBe("SUCCEEDED");
    const tried = await db.syncItem.count({ where: { tenantId: tenant.id, module: toy.id, state: "PENDING" } });
    // The streak breaks at MAX_TRANSIENT_IN_A_ROW; a record already in flight beside the tenth may still finish.
    expect(tried).toBeGreaterThanOrEqual(MAX_TRANSIENT_IN_A_ROW);
    expect(tried).toBeLessThanOrEqual(MAX_TRANSIENT_IN_A_ROW + toy.concurrency() - 1);
    expect(await readCursor(tenant.id, toy.id, SinceCursorCodec)).toBeNull();
  });
});
