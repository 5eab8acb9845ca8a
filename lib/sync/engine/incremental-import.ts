/**
 * The shared loop of the three Visma.net → CS-Cart imports (products, customers, stock):
 *  - read records changed since the stream's cursor, in big pages (Visma.net calls are scarce);
 *  - per page: look up the ledger, map each record, skip unchanged ones (same payload hash),
 *    write the rest to CS-Cart with bounded concurrency, then checkpoint the page's outcomes in the
 *    ledger in one statement;
 *  - records that failed transiently stay PENDING and are fetched again at the start of the next
 *    run, so nothing is skipped although the cursor moves on;
 *  - the cursor moves to the time the pass started (minus an overlap) only when the pass is complete.
 */
import pLimit from "p-limit";
import type { Page } from "../../integrations/paging";
import { db, type SyncItem, type SyncModule } from "../../db";
import { AppError, toAppError } from "../../errors";
import { readCursor, writeCursor, type CursorStream } from "./cursor";
import { upsertImportLedgerRows } from "./ledger";
import type { SyncRunContext } from "./run-context";

/** Remote clocks and ours differ; re-reading a few minutes costs little (unchanged = skipped). */
export const IMPORT_CURSOR_OVERLAP_MS = 5 * 60_000;

export type WriteOutcome =
  | { outcome: "created" | "updated"; targetId: string; payloadHash: string; meta?: object }
  | { outcome: "skipped" };

export type ImportSpec<Item> = {
  module: SyncModule;
  stream: CursorStream;
  /** Records changed since `since` (everything when undefined), page by page. */
  pages(since: Date | undefined): AsyncGenerator<Page<Item>>;
  /** Fetches one record again (for rows left PENDING by an earlier run); undefined when gone. */
  fetchOne(externalId: string): Promise<Item | undefined>;
  externalIdOf(item: Item): string;
  /** Called once per page before writing, e.g. to find shop ids for new records in bulk. */
  preparePage?(items: Item[], ledger: Map<string, SyncItem>): Promise<void>;
  /** Maps and writes one record. `force` ignores the payload hash (re-import). */
  write(item: Item, previous: SyncItem | undefined, force: boolean): Promise<WriteOutcome>;
  concurrency: number;
};

/** For `fetchOne`: a record deleted on the remote since it was listed is simply gone. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "REMOTE_NOT_FOUND") return undefined;
    throw error;
  }
}

/** Import concurrency towards CS-Cart (writes per tenant run at once). */
export function importConcurrency(): number {
  return Number(process.env.IMPORT_CONCURRENCY ?? 8);
}

type PageRow = Parameters<typeof upsertImportLedgerRows>[3][number];

export async function runIncrementalImport<Item>(ctx: SyncRunContext, spec: ImportSpec<Item>): Promise<void> {
  const startedAt = new Date();
  const force = ctx.trigger === "REIMPORT";
  const position = await readCursor(ctx.tenantId, spec.stream);
  const since = position ? new Date(new Date(position).getTime() - IMPORT_CURSOR_OVERLAP_MS) : undefined;
  ctx.log.info(since ? `Reading records changed since ${since.toISOString()}.` : "First import: reading all records.");

  // 1. Rows an earlier run could not write (transient errors), or that the user asked to retry.
  const retryRows = await db.syncItem.findMany({
    where: {
      tenantId: ctx.tenantId,
      module: spec.module,
      ...(ctx.itemIds?.length ? { id: { in: ctx.itemIds } } : { state: "PENDING" }),
    },
    take: 5_000,
  });
  if (retryRows.length) {
    const items: Item[] = [];
    for (const row of retryRows) {
      try {
        const item = await spec.fetchOne(row.externalId);
        if (item) items.push(item);
      } catch (caught) {
        ctx.log.warn(`Could not read ${row.externalId} again: ${toAppError(caught).message}`);
      }
    }
    await processPage(ctx, spec, items, true);
  }
  if (ctx.itemIds?.length) return; // a retry run handles only the chosen records

  // 2. The incremental pass.
  // A page that cannot be read ends the run here (the error propagates), so the cursor stays.
  let pendingLeft = 0;
  for await (const page of spec.pages(since)) {
    if (page.totalCount !== undefined) ctx.total = page.totalCount;
    pendingLeft += await processPage(ctx, spec, page.items, force);
    await ctx.flush();
  }
  if (pendingLeft) ctx.log.warn(`${pendingLeft} record(s) could not be written now; the next run tries them first.`);
  await writeCursor(ctx.tenantId, spec.stream, startedAt.toISOString());
}

/** Writes one page and checkpoints it in the ledger; returns how many records are left PENDING. */
async function processPage<Item>(ctx: SyncRunContext, spec: ImportSpec<Item>, items: Item[], force: boolean): Promise<number> {
  if (!items.length) return 0;
  const ids = items.map(spec.externalIdOf);
  const ledgerRows = await db.syncItem.findMany({ where: { tenantId: ctx.tenantId, module: spec.module, externalId: { in: ids } } });
  const ledger = new Map(ledgerRows.map((row) => [row.externalId, row]));
  await spec.preparePage?.(items, ledger);

  const rows: PageRow[] = [];
  let transient = 0;
  const limit = pLimit(spec.concurrency);
  await Promise.all(
    items.map((item) =>
      limit(async () => {
        const externalId = spec.externalIdOf(item);
        const previous = ledger.get(externalId);
        try {
          const result = await spec.write(item, previous, force);
          if (result.outcome === "skipped") {
            ctx.count("skipped");
            // A row left PENDING or FAILED that needs no write after all is settled now.
            if (previous && previous.state !== "DONE") rows.push({ externalId, targetId: previous.targetId, payloadHash: previous.payloadHash, state: "DONE" });
            return;
          }
          ctx.count(result.outcome);
          rows.push({ externalId, targetId: result.targetId, payloadHash: result.payloadHash, state: "DONE", meta: result.meta ?? null });
        } catch (caught) {
          const error: AppError = toAppError(caught);
          const state = error.retryable ? "PENDING" : "FAILED";
          if (state === "PENDING") transient++;
          else ctx.count("failed");
          ctx.log[state === "FAILED" ? "error" : "warn"](`${externalId}: ${error.message}`, { code: error.code });
          rows.push({ externalId, targetId: previous?.targetId ?? null, payloadHash: null, state, error });
        }
      }),
    ),
  );
  await upsertImportLedgerRows(ctx.tenantId, spec.module, ctx.runId, rows);
  return transient;
}
