/**
 * Run logs. Rows carry expiresAt from the tenant's retention (the hourly purge deletes them);
 * with "store logs" off nothing is written at all — counts and errors stay on runs and ledger rows.
 * Context and message are masked (secrets and personal data) before they are stored. Writes are buffered and sent
 * in batches, so a 10,000-record run does not cost 10,000 inserts.
 */
import { db, type LogLevel } from "../db";
import { redact, redactText } from "../http/redact";
import { logger } from "../logger";

export type RunLogger = {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  flush(): Promise<void>;
};

const BATCH_SIZE = 500;

export function createRunLogger(options: {
  tenantId: string;
  runId?: string;
  module?: string;
  storeLogs: boolean;
  retentionDays: number;
}): RunLogger {
  const buffer: { level: LogLevel; message: string; context?: Record<string, unknown>; createdAt: Date }[] = [];
  let pending: Promise<void> = Promise.resolve();

  const flush = async () => {
    if (!buffer.length) return pending;
    const rows = buffer.splice(0, buffer.length);
    pending = pending.then(() =>
      db.logEntry
        .createMany({
          data: rows.map((row) => ({
            tenantId: options.tenantId,
            runId: options.runId ?? null,
            module: options.module ?? null,
            level: row.level,
            // Messages are masked like context: an e-mail address or a credential in a remote's text.
            message: redactText(row.message).slice(0, 2000),
            context: row.context === undefined ? undefined : (redact(row.context) as object),
            createdAt: row.createdAt,
            expiresAt: new Date(row.createdAt.getTime() + options.retentionDays * 86_400_000),
          })),
        })
        .then(() => undefined),
    );
    return pending;
  };

  const write = (level: LogLevel) => (message: string, context?: Record<string, unknown>) => {
    if (!options.storeLogs) return;
    buffer.push({ level, message, context, createdAt: new Date() });
    if (buffer.length >= BATCH_SIZE) void flush().catch((error: Error) => logger().error({ err: error, runId: options.runId }, "run log write failed"));
  };

  return { debug: write("DEBUG"), info: write("INFO"), warn: write("WARN"), error: write("ERROR"), flush };
}
