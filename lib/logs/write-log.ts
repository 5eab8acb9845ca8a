/**
 * Run logs. Rows carry expiresAt from the tenant's retention (the hourly purge deletes them);
 * with "store logs" off nothing is written at all — counts and errors stay on runs and ledger rows.
 * Context and message are masked (secrets and personal data) before they are stored. Writes are buffered and sent
 * in batches, so a 10,000-record run does not cost 10,000 inserts.
 *
 * A line is a LogLine (code + params, see log-line.ts): its English text is rendered from the
 * message files and stored with them, so the dashboard can word it in the reader's language. A plain
 * string is stored as it is, without a code (shown in English to everyone).
 */
import { db, type LogLevel } from "../db";
import type { ErrorParams, ParamValue } from "../errors";
import { redact, redactText } from "../http/redact";
import { translatorFor } from "../i18n/messages";
import { translateRunLog } from "../i18n/translate-run-log";
import type { Translate } from "../i18n/translate-error";
import { logger } from "../logger";
import type { LogLine } from "./log-line";

type Write = (line: LogLine | string, context?: Record<string, unknown>) => void;

export type RunLogger = {
  debug: Write;
  info: Write;
  warn: Write;
  error: Write;
  flush(): Promise<void>;
};

let english: Translate | undefined;

/** Quoted errors as their own English text, dates as ISO 8601: the stored text does not depend on the server's time zone. */
function storedValue(value: ParamValue): ParamValue {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return "dateTime" in value ? value.dateTime : value.message;
}

/** The English text of a line, as stored in LogEntry.message. */
export function englishLogText(line: LogLine): string {
  english ??= translatorFor("en");
  const params: ErrorParams = Object.fromEntries(Object.entries(line.params).map(([key, value]) => [key, storedValue(value)]));
  return translateRunLog(english, "en", { code: line.code, params, message: line.code });
}

function maskedLine(line: LogLine): LogLine {
  return { ...line, params: redact(line.params) } as LogLine;
}

const BATCH_SIZE = 500;

export function createRunLogger(options: { tenantId: string; runId?: string; module?: string; storeLogs: boolean; retentionDays: number }): RunLogger {
  const buffer: { level: LogLevel; message: string; line?: LogLine; context?: Record<string, unknown>; createdAt: Date }[] = [];
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
            message: row.message.slice(0, 2000),
            code: row.line?.code ?? null,
            params: row.line ? (row.line.params as object) : undefined,
            context: row.context === undefined ? undefined : (redact(row.context) as object),
            createdAt: row.createdAt,
            expiresAt: new Date(row.createdAt.getTime() + options.retentionDays * 86_400_000),
          })),
        })
        .then(() => undefined),
    );
    return pending;
  };

  const write =
    (level: LogLevel): Write =>
    (given, context) => {
      if (!options.storeLogs) return;
      // Messages and their params are masked like context (an e-mail address or a credential in a
      // remote's text), before the English text is rendered from them.
      const line = typeof given === "string" ? redactText(given) : maskedLine(given);
      const message = typeof line === "string" ? line : englishLogText(line);
      buffer.push({ level, message, ...(typeof line === "string" ? {} : { line }), context, createdAt: new Date() });
      if (buffer.length >= BATCH_SIZE) void flush().catch((error: Error) => logger().error({ err: error, runId: options.runId }, "run log write failed"));
    };

  return { debug: write("DEBUG"), info: write("INFO"), warn: write("WARN"), error: write("ERROR"), flush };
}
