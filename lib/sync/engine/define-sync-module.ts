/**
 * What a sync module is. Each module is one definition (lib/sync/modules/<slug>/definition.ts),
 * listed once in lib/sync/modules/index.ts; the schedules schema and defaults, the queues, the
 * runner, labels, slugs and chart colours all derive from that list. The engine (run-module.ts)
 * runs every module on the same skeleton: read pages → ledger → claim → map → write → checkpoint
 * → cursor. See docs/architecture.md.
 */
import type { VismaScope } from "../../integrations/visma/scopes";
import type { SyncItem } from "../../db";
import type { AppError } from "../../errors";
import type { Page } from "../../integrations/paging";
import type { ModuleSchedule } from "../../settings/update-settings.schema";
import type { CursorPolicy } from "./cursor";
import type { Prerequisite } from "./prerequisites";
import type { SyncRunContext } from "./run-context";

export type { ModuleSchedule };

export type RetryPolicy = {
  /** Attempts per idempotent HTTP request (1 = no retries); the module's clients get it. */
  httpAttempts: number;
  /** Attempts per record: a record still failing transiently after this many fails for good (RETRIES_EXHAUSTED). */
  perRecordAttempts: number;
  /** How often pg-boss runs a job again (with backoff) after its run failed transiently. */
  jobRetries: number;
};

/** One record's write, as planned by the map step: what the write step does, or a recorder records. */
export type PlannedWrite<Payload> = {
  action: "create" | "update";
  /** What is written, in words, e.g. "CS-Cart product 42" or "a new Visma.net sales order". */
  target: string;
  payload: Payload;
  /** Stored with the record once written; the same hash later means there is nothing to write. */
  payloadHash: string | null;
};

export type SkipRecord = { action: "skip"; reason: string };

export type MapResult<Payload> = PlannedWrite<Payload> | SkipRecord;

/** A record's write as far as it got: the remote record's id and what the module keeps about it. */
export type Written = {
  targetId: string;
  meta?: Record<string, unknown>;
};

/**
 * A step after a record's write (e.g. ship the exported order, set the shop order's status). The
 * steps run in order once the write is done, each safe to repeat; the ledger row keeps the write's
 * target id, so a failed step fails the record with its reason, and a retry resumes at the steps
 * not yet done without writing the record again (docs/architecture.md, "Steps after the write").
 */
export type FollowUpStep<Run, Item> = {
  /** Stored in the ledger row's meta (`followUps`) and picks its words in errors.anyCode.stepFailed: camelCase; never rename. */
  id: string;
  /** What it does, in words, for logs and failure reasons: "set the shop order's status". */
  label: string;
  /** Whether this record needs the step now (a setting may switch it off). */
  applies(run: Run, item: Item, written: Written): boolean;
  /** Performs the step; may return details to keep on the ledger row. Must be safe to repeat. */
  run(run: Run, item: Item, written: Written): Promise<Record<string, unknown> | void>;
};

/**
 * How the ledger guards the module's writes:
 *  - "claim" (exactly once, for creates that must never repeat, e.g. sales orders): a ledger row per
 *    record exists before any write, is claimed as a lease in one conditional UPDATE, and stores its
 *    outcome at once. Before every write the remote is asked whether the record is there already
 *    (`recover`: never write without proof of absence); `claimedBefore` says an earlier attempt of
 *    this row may have written it.
 *  - "checkpoint" (idempotent writes: update by id, create only after a lookup found nothing): the
 *    outcomes of a page are stored in one statement after the page.
 */
export type LedgerPolicy<Run, Item> =
  | { mode: "claim"; recover(run: Run, externalId: string, item: Item, attempt: { claimedBefore: boolean }): Promise<Written | undefined> }
  | { mode: "checkpoint" };

export type ModuleSteps<Run, Item, Bound, Payload> = {
  /** Once per run: clients (with `httpAttempts`), mapping, caches. Everything else gets its result. */
  open(ctx: SyncRunContext, options: { httpAttempts: number }): Promise<Run>;
  /** Records changed since the bound, page by page. */
  read(run: Run, from: Bound): AsyncIterable<Page<Item>>;
  /** One record again, for a ledger row being retried; undefined when the remote no longer has it. */
  readOne(run: Run, externalId: string): Promise<Item | undefined>;
  externalIdOf(item: Item): string;
  /** Which records of a listed page concern the module (default: all); the others only move the cursor. */
  select?(run: Run, item: Item): boolean;
  /** Once per page before mapping, e.g. to find the shop ids of new records in bulk. */
  preparePage?(run: Run, items: Item[], ledger: ReadonlyMap<string, SyncItem>): Promise<void>;
  /** Maps one record into the write it needs, or a skip. May read remotes; never writes. */
  map(run: Run, item: Item, previous: SyncItem | undefined, options: { force: boolean }): Promise<MapResult<Payload>>;
  /** Performs a planned write. A dry run replaces this step with a recorder. */
  write(run: Run, plan: PlannedWrite<Payload>, item: Item): Promise<Written>;
  /** After the write, in order (see FollowUpStep). */
  followUps?: readonly FollowUpStep<Run, Item>[];
  /** Turns an error into what the shop owner must do (optional). */
  explainError?(error: AppError): AppError;
  /** After a record failed for good, e.g. the failure e-mail. */
  onFailed?(run: Run, externalId: string, error: AppError): Promise<void>;
  /**
   * For records waiting for a remote fix (waiting-for.ts, e.g. "visma-item:<sku>"): which of these
   * keys changed on the remote since `since`. Reads only.
   */
  changedRemotely?(run: Run, keys: string[], since: Date): Promise<Set<string>>;
};

export type SyncModuleDefinition<Id extends string, Run, Item, Position, Bound, Payload> = {
  /** Stored in the database (runs, ledger, logs, cursors, mappings, schedules): never rename. */
  id: Id;
  /** In URLs and the operator CLI. */
  slug: string;
  label: string;
  /** One record in log lines: "order", "product". */
  recordName: string;
  /** Its colour in the dashboard's charts. */
  color: string;
  /** The pg-boss queue of its jobs. */
  queue: string;
  defaultSchedule: ModuleSchedule;
  cursor: CursorPolicy<Position, Bound, Item>;
  retry: RetryPolicy;
  prerequisites: readonly Prerequisite[];
  /** Checks only for switching the module on, beyond its prerequisites and the common ones (prerequisites.ts). */
  switchOn?: readonly Prerequisite[];
  /** The Visma Connect scopes its calls need (requested only while the module is enabled). */
  vismaScopes?: readonly VismaScope[];
  ledger: LedgerPolicy<Run, Item>;
  /** Records written at once within a run. */
  concurrency(): number;
  /** Offered under "Re-import from a date" (needs a cursor that can rewind). */
  reimport?: boolean;
  steps: ModuleSteps<Run, Item, Bound, Payload>;
};

/** Any module, for code that handles all of them alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine is generic over each module's own types
export type AnySyncModule = SyncModuleDefinition<string, any, any, any, any, any>;

export function defineSyncModule<const Id extends string, Run, Item, Position, Bound, Payload>(
  definition: SyncModuleDefinition<Id, Run, Item, Position, Bound, Payload>,
): SyncModuleDefinition<Id, Run, Item, Position, Bound, Payload> {
  return definition;
}
