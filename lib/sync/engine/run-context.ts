/**
 * What a module run carries: tenant, run id, the tenant's parsed settings, what started the run,
 * the call meter shared by its clients, the run logger, and the counters that end up on the
 * SyncRun row (flushed per page, so the dashboard shows progress on long imports).
 */
import { db, type RunTrigger } from "../../db";
import { CallMeter } from "../../http/meter";
import { createRunLogger, type RunLogger } from "../../logs/write-log";
import type { RunSettings } from "../../settings/defaults";

export type RunCounts = { processed: number; created: number; updated: number; skipped: number; failed: number };

export class SyncRunContext {
  readonly meter = new CallMeter();
  readonly log: RunLogger;
  readonly counts: RunCounts = { processed: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  total: number | null = null;

  constructor(
    readonly tenant: { id: string; slug: string; name: string },
    readonly runId: string,
    readonly module: string,
    readonly settings: RunSettings,
    readonly trigger: RunTrigger,
    readonly itemIds?: string[],
  ) {
    this.log = createRunLogger({ tenantId: tenant.id, runId, module, storeLogs: settings.storeLogs, retentionDays: settings.logRetentionDays });
  }

  get tenantId(): string {
    return this.tenant.id;
  }

  count(outcome: keyof Omit<RunCounts, "processed">, n = 1): void {
    this.counts[outcome] += n;
    this.counts.processed += n;
  }

  /** Writes counters, total and remote calls to the run row. */
  async flush(): Promise<void> {
    await Promise.all([
      db.syncRun.update({
        where: { id: this.runId },
        data: { ...this.counts, total: this.total, remoteCalls: this.meter.snapshot() as object },
      }),
      this.log.flush(),
    ]);
  }
}
