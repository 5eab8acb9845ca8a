/**
 * The dry-run seam: passed as `dryRun` to runModulePass, it takes the place of the module's write
 * step. The run reads and maps exactly as a real one (ledger and remotes are read, never written;
 * the cursor stays) and the recorder keeps what the run would have done, record by record.
 */
import type { AppError } from "../../errors";
import type { PlannedWrite, Written } from "./define-sync-module";

export type RecordedWrite = { externalId: string; action: "create" | "update"; target: string; payload: unknown; payloadHash: string | null };

export class WriteRecorder {
  readonly writes: RecordedWrite[] = [];
  readonly skips: { externalId: string; reason: string }[] = [];
  readonly failures: { externalId: string; code: string; message: string }[] = [];

  planned(externalId: string, plan: PlannedWrite<unknown>): Written {
    this.writes.push({ externalId, action: plan.action, target: plan.target, payload: plan.payload, payloadHash: plan.payloadHash });
    return { targetId: `dry-run:${externalId}` };
  }

  skipped(externalId: string, reason: string): void {
    this.skips.push({ externalId, reason });
  }

  failed(externalId: string, error: AppError): void {
    this.failures.push({ externalId, code: error.code, message: error.message });
  }
}
