/**
 * The dry-run seam: passed as `dryRun` to runModulePass, it takes the place of the module's write
 * step. The run reads and maps exactly as a real one (ledger and remotes are read, never written;
 * the cursor stays) and the recorder keeps what the run would have done: every outcome counted,
 * the first few planned writes of each kind with their payloads, and the failures (up to a cap, so
 * a dry run of a 100,000-item catalogue does not hold 100,000 payloads).
 */
import { z } from "zod";
import type { AppError, ErrorParams } from "../../errors";
import { UNCHANGED, type PlannedWrite, type RecordWords, type Written } from "./define-sync-module";
import { asErrorParams } from "../../i18n/translate-error";
import { waitingForOf } from "./ledger";

export type RecordedWrite = {
  externalId: string;
  action: "create" | "update";
  target: string;
  targetParams: ErrorParams;
  payload: unknown;
  payloadHash: string | null;
};
export type RecordedSkip = { externalId: string; reason: string; reasonParams: ErrorParams };
export type RecordedFailure = { externalId: string; code: string; kind: string; message: string; params?: ErrorParams; waitingFor?: string };

/** What a dry run found, as stored on its SyncRun (`dryRunResult`) and shown on the run page. */
// With the params, the page words targets, reasons and failures in the reader's language (docs/i18n.md).
// Quoted errors and dates included: the same narrowing the run log and connection errors use.
const ParamsSchema = z.custom<ErrorParams>((value) => asErrorParams(value) !== undefined, "not error params");

export const DryRunResultSchema = z.object({
  counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), skipped: z.number(), failed: z.number() }),
  writes: z.array(
    z.object({ externalId: z.string(), action: z.enum(["create", "update"]), target: z.string(), targetParams: ParamsSchema.optional(), payload: z.unknown() }),
  ),
  skips: z.array(z.object({ externalId: z.string(), reason: z.string(), reasonParams: ParamsSchema.optional() })),
  failures: z.array(
    z.object({
      externalId: z.string(),
      code: z.string(),
      kind: z.string(),
      message: z.string(),
      params: ParamsSchema.optional(),
      waitingFor: z.string().optional(),
    }),
  ),
  /** Failures beyond the cap, counted but not listed. */
  failuresNotListed: z.number(),
});
export type DryRunResult = z.output<typeof DryRunResultSchema>;

export class WriteRecorder {
  readonly counts = { create: 0, update: 0, unchanged: 0, skipped: 0, failed: 0 };
  /** The first `samples` planned writes of each action. */
  readonly writes: RecordedWrite[] = [];
  /** The first `samples` records skipped for a reason other than "unchanged". */
  readonly skips: RecordedSkip[] = [];
  /** Failures in the order they happened, up to `maxFailures`. */
  readonly failures: RecordedFailure[] = [];

  constructor(private readonly limits: { samples: number; maxFailures: number } = { samples: 5, maxFailures: 500 }) {}

  planned(externalId: string, plan: PlannedWrite<unknown>): Written {
    this.counts[plan.action]++;
    if (this.writes.filter((write) => write.action === plan.action).length < this.limits.samples) {
      this.writes.push({
        externalId,
        action: plan.action,
        target: plan.target.text,
        targetParams: plan.target.params,
        payload: plan.payload,
        payloadHash: plan.payloadHash,
      });
    }
    return { targetId: `dry-run:${externalId}` };
  }

  skipped(externalId: string, reason: RecordWords): void {
    if (reason.params.variant === UNCHANGED.params.variant) {
      this.counts.unchanged++;
      return;
    }
    this.counts.skipped++;
    if (this.skips.length < this.limits.samples) this.skips.push({ externalId, reason: reason.text, reasonParams: reason.params });
  }

  failed(externalId: string, error: AppError): void {
    this.counts.failed++;
    if (this.failures.length >= this.limits.maxFailures) return;
    const waitingFor = waitingForOf(error) ?? undefined;
    this.failures.push({
      externalId,
      code: error.code,
      kind: error.kind,
      message: error.message,
      ...(error.params ? { params: error.params } : {}),
      ...(waitingFor ? { waitingFor } : {}),
    });
  }

  result(): DryRunResult {
    return {
      counts: { ...this.counts },
      writes: this.writes.map(({ externalId, action, target, targetParams, payload }) => ({ externalId, action, target, targetParams, payload })),
      skips: [...this.skips],
      failures: [...this.failures],
      failuresNotListed: this.counts.failed - this.failures.length,
    };
  }
}
