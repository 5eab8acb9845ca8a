/**
 * The process log of the web server and the workers: one JSON line per event on stdout (pino),
 * level from LOG_LEVEL. Every line carries the context of the work it belongs to — the request id
 * (web), the job id and queue (worker), the tenant id once known — through AsyncLocalStorage, so
 * callers just call `logger().info(...)`. Secrets and personal data are masked by the same rules
 * as run logs (lib/http/redact.ts). Run logs for the dashboard are a different thing: lib/logs.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { logLevel } from "./env";
import { onUnexpectedError } from "./errors";
import { redact, redactText } from "./http/redact";

export type LogContext = { requestId?: string; jobId?: string; queue?: string; tenantId?: string; workerId?: string };

type LoggerState = { logger?: Logger; context: AsyncLocalStorage<LogContext>; base: LogContext; fd: 1 | 2 };

// On globalThis: Next.js may bundle this module into several chunks, which must share one context.
const globalForLogger = globalThis as unknown as { apicenterLogger?: LoggerState };
const state: LoggerState = (globalForLogger.apicenterLogger ??= { context: new AsyncLocalStorage<LogContext>(), base: {}, fd: 1 });

/** An Error as plain data (type, message, stack, code…); its `name` is the same as `type`. */
function serializeError(error: Error): Record<string, unknown> {
  const { name: _name, ...serialized } = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return serialized;
}

/** Masks one argument of a log call: objects by key and content, strings by content. */
function maskArgument(argument: unknown): unknown {
  if (typeof argument === "string") return redactText(argument);
  if (argument instanceof Error) return redact({ err: serializeError(argument) });
  if (argument === null || typeof argument !== "object") return argument;
  const withErrors = Object.fromEntries(Object.entries(argument).map(([key, value]) => [key, value instanceof Error ? serializeError(value) : value]));
  return redact(withErrors);
}

/** A logger with this module's format, context and masking, writing to `destination`; exported for tests. */
export function createLogger(destination: DestinationStream, level: LevelWithSilent = logLevel()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors are serialized (and masked) in the logMethod hook below already.
      serializers: { err: (value: unknown) => value },
      mixin: () => ({ ...state.base, ...state.context.getStore() }),
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskArgument) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export function logger(): Logger {
  // Synchronous: a line written just before process.exit() is not lost.
  state.logger ??= createLogger(pino.destination({ fd: state.fd, sync: true }));
  return state.logger;
}

// Unexpected errors (lib/errors.ts toAppError) are logged with their reference by this process's logger.
onUnexpectedError((error, reference) => logger().error({ err: error, reference }, `unexpected error (reference ${reference})`));

/** Command-line tools print their result on stdout, so their log goes to stderr (call before logging). */
export function logToStderr(): void {
  state.fd = 2;
}

/** Runs `work` with `bindings` added to every log line written inside it (also in awaited calls). */
export function withLogContext<T>(bindings: LogContext, work: () => T): T {
  return state.context.run({ ...state.context.getStore(), ...bindings }, work);
}

/** Adds bindings to the current context from here on (e.g. the tenant id once a request knows it). */
export function addLogContext(bindings: LogContext): void {
  const store = state.context.getStore();
  if (store) Object.assign(store, bindings);
}

/** Bindings for every line of this process (e.g. the worker's id). */
export function setProcessLogContext(bindings: LogContext): void {
  Object.assign(state.base, bindings);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's X-Request-Id when it looks like one (a proxy's), else a new id. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
