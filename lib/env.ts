/**
 * The one place that reads process.env. Everything is zod-checked, so a bad setting stops the
 * process at start with a message that names it, instead of failing later mid-sync.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { AppError } from "./errors";
import { describeZodError } from "./validation";

const base64Key32 = z
  .string({ error: "is required: 32 random bytes, base64-encoded (openssl rand -base64 32)" })
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

export const LogLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

/**
 * `host:port` entries (comma-separated) that outbound calls may reach although they resolve to a
 * private, loopback or otherwise non-public address: for a local test server or the simulators.
 * Hosts are kept lower-case, IP addresses in their canonical form, IPv6 without brackets.
 */
export const AllowedPrivateHostsSchema = z
  .string()
  .default("")
  .transform((text, context) => {
    const entries: string[] = [];
    for (const raw of text
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)) {
      const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
      const port = Number(match?.[2]);
      const bracketed = match?.[1]?.startsWith("[");
      if (!match || port < 1 || port > 65535 || (bracketed && !ipaddr.IPv6.isValid(match[1]!.slice(1, -1)))) {
        context.addIssue({ code: "custom", message: `"${raw}" is not host:port (e.g. 127.0.0.1:4101 or [::1]:4101)` });
        continue;
      }
      entries.push(hostPortKey(match[1]!, port));
    }
    return entries;
  });

/** The one spelling of a host and port that allow-lists compare: lower-case, IPs canonical, no brackets. */
export function hostPortKey(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return `${ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : bare}:${port}`;
}

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (the start command sets it when it runs the embedded PostgreSQL)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
  /** AES-256-GCM key for connection secrets. */
  APP_ENCRYPTION_KEY: base64Key32,
  NEXTAUTH_SECRET: z.string({ error: "is required: at least 32 random characters (openssl rand -base64 32)" }).min(32, "must be at least 32 characters"),
  /** During a key rotation only: the key being replaced, still used to decrypt (docs/security.md). */
  APP_ENCRYPTION_KEY_PREVIOUS: base64Key32.optional(),
  /** The public address of the web server; required (https) in production. */
  NEXTAUTH_URL: z.url().optional(),
  /** Where the shop can fetch signed image URLs from (the web server's public address; defaults to NEXTAUTH_URL). */
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port — without it, failure e-mails are kept in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("APIcenter <noreply@apicenter.local>"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Sync engine and worker knobs.
  /**
   * Records in progress at once per import run, at most: the remote's own limit, learned per host
   * (lib/http/adaptive-concurrency.ts), decides how many of their requests go out at once.
   */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(32),
  /** Orders in progress at once per order export run, at most (the same holds for Visma.net). */
  ORDER_EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  /** Finished runs are summed per tenant, module and day (RunSummary) and deleted after this many days. */
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Runs that found nothing to do (succeeded, no records) go sooner: most scheduled runs are such. */
  IDLE_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(2),
  /** How long a sync job may stay active before pg-boss assumes its worker died and retries it. */
  SYNC_JOB_EXPIRE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .default(15 * 60),
  PGBOSS_MAINTENANCE_SECONDS: z.coerce.number().min(1).default(60),
  WORKER_POLL_SECONDS: z.coerce.number().min(0.5, "pg-boss polls at most every 0.5 s").default(2),
  /** Prefix of the worker's id in logs and on the dashboard. */
  WORKER_NAME: z
    .string()
    .regex(/^[\w.-]{1,40}$/, "letters, digits, dots and dashes, at most 40")
    .default("worker"),
  /** "off": no cron schedules (tests drive the queues themselves). */
  WORKER_SCHEDULES: z.enum(["on", "off"]).default("on"),
  /** How long a stopping worker lets running jobs finish. */
  WORKER_STOP_GRACE_MS: z.coerce.number().int().min(0).default(30_000),

  // Operations (docs/deploy.md): logs, metrics, the worker's health port, local production runs.
  /** pino level of the web and worker logs. */
  LOG_LEVEL: LogLevelSchema,
  /** Bearer token for /api/metrics (web and workers); unset = the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 32)").optional(),
  /** The worker's health + metrics port; 0 turns it off. */
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  /** Local production builds only (`npm start -- --prod`, the e2e stack): lets NEXTAUTH_URL be http://localhost. */
  ALLOW_LOCALHOST_HTTP: z.stringbool({ error: "must be true or false" }).default(false),

  /** true: anyone may sign up (an account and a first shop, confirmed by e-mail: lib/accounts/sign-up.ts). Off by default. */
  SIGNUP_OPEN: z.stringbool({ error: "must be true or false" }).default(false),

  // Security (docs/security.md): outbound private hosts, proxies trusted for the client address.
  /** host:port list that outbound calls may reach although private (local test servers, simulators). */
  ALLOWED_PRIVATE_HOSTS: AllowedPrivateHostsSchema,
  /**
   * How many reverse proxies in front of the web server append to X-Forwarded-For. 0 (the default):
   * the header is not trusted at all, since any client can send one.
   */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0, "must be 0 or more").max(10, "at most 10").default(0),
});

export type Env = z.infer<typeof EnvSchema>;

/** Development and test only: secrets generated once into the git-ignored data folder. */
export function localDevSecrets(): { APP_ENCRYPTION_KEY: string; NEXTAUTH_SECRET: string } {
  // Not traced into the standalone build (production never reads it): the trace would copy the whole
  // local data folder, a live test database included.
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), ".data");
  const file = path.join(dir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  };
  mkdirSync(dir, { recursive: true });
  // "wx" fails if another process wrote it first; then read theirs so all processes agree.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
  } catch {
    return JSON.parse(readFileSync(file, "utf8"));
  }
  return secrets;
}

/**
 * Parses an environment; exported for tests. Production never falls back to generated secrets and
 * needs https public URLs (plain http only for localhost, and only with ALLOW_LOCALHOST_HTTP).
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const given = stripEmpty(source);
  const isProduction = given.NODE_ENV === "production";
  let input = given;
  if (!isProduction && (!input.APP_ENCRYPTION_KEY || !input.NEXTAUTH_SECRET)) {
    const dev = localDevSecrets();
    input = { APP_ENCRYPTION_KEY: dev.APP_ENCRYPTION_KEY, NEXTAUTH_SECRET: dev.NEXTAUTH_SECRET, ...input };
  }
  if (!input.PUBLIC_BASE_URL && input.NEXTAUTH_URL) input = { ...input, PUBLIC_BASE_URL: input.NEXTAUTH_URL };
  const result = EnvSchema.safeParse(input);
  if (!result.success) {
    throw new AppError("ENV_INVALID", `Invalid environment: ${describeZodError(result.error)}`);
  }
  const problems = isProduction ? productionProblems(result.data, given) : [];
  if (problems.length) throw new AppError("ENV_INVALID", `Invalid environment: ${problems.join("; ")}`);
  return result.data;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** What a production process must not start with, beyond the schema; `given` is the environment as set. */
function productionProblems(parsed: Env, given: Record<string, string>): string[] {
  if (!parsed.NEXTAUTH_URL) return ["NEXTAUTH_URL: is required in production (the public https address of the web server)"];
  const problems: string[] = [];
  // PUBLIC_BASE_URL defaults to NEXTAUTH_URL; it is checked on its own only when set on its own.
  for (const name of ["NEXTAUTH_URL", "PUBLIC_BASE_URL"] as const) {
    if (!given[name]) continue;
    const url = new URL(parsed[name]!);
    if (url.protocol === "https:") continue;
    if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname) && parsed.ALLOW_LOCALHOST_HTTP) continue;
    problems.push(
      `${name}: must start with https:// in production` +
        (LOCAL_HOSTS.has(url.hostname) ? " (a local production build on http://localhost also needs ALLOW_LOCALHOST_HTTP=true)" : ""),
    );
  }
  return problems;
}

function stripEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

let cached: Env | undefined;

export function env(): Env {
  // `process.env.NODE_ENV` spelled out: the production builds (next build, the worker bundle) inline
  // it as "production", so a built server never takes the development path, whatever the shell says.
  cached ??= parseEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV });
  return cached;
}

/**
 * The log level alone: the logger must work before (and when) the rest of the environment fails
 * its check, so it can report that. A bad LOG_LEVEL still stops the process through env().
 */
export function logLevel(): z.infer<typeof LogLevelSchema> {
  const parsed = LogLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : "info";
}

let allowedHostsSource: string | undefined;
let allowedHosts: ReadonlySet<string> = new Set();

/**
 * ALLOWED_PRIVATE_HOSTS as a set of hostPortKey()s. Read from the environment on every call (and
 * parsed again only when it changed), so the tests, which start simulators on random ports in the
 * test process, add them to the variable exactly as an operator would; there is no other way in.
 */
export function allowedPrivateHosts(): ReadonlySet<string> {
  const source = process.env.ALLOWED_PRIVATE_HOSTS ?? "";
  if (source !== allowedHostsSource) {
    const parsed = AllowedPrivateHostsSchema.safeParse(source);
    if (!parsed.success) throw new AppError("ENV_INVALID", `Invalid environment: ALLOWED_PRIVATE_HOSTS: ${describeZodError(parsed.error)}`);
    allowedHosts = new Set(parsed.data);
    allowedHostsSource = source;
  }
  return allowedHosts;
}

/**
 * ALLOWED_PRIVATE_HOSTS with the `host:port` of each URL added to whatever it already holds; for
 * the start scripts and tests that run local simulators (an operator's own entries stay).
 */
export function appendAllowedPrivateHosts(current: string | undefined, urls: readonly string[]): string {
  const entries = (current ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const text of urls) {
    const url = new URL(text);
    const entry = `${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
    if (!entries.includes(entry)) entries.push(entry);
  }
  return entries.join(",");
}

/** The address people open the app at, for links in e-mails (NEXTAUTH_URL, else PUBLIC_BASE_URL). */
export function appUrl(): string {
  const { NEXTAUTH_URL, PUBLIC_BASE_URL } = env();
  return (NEXTAUTH_URL ?? PUBLIC_BASE_URL).replace(/\/+$/, "");
}
