/**
 * The one place that reads process.env. Everything is zod-checked, so a bad setting stops the
 * process at start with a message that names it, instead of failing later mid-sync.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "./errors";
import { describeZodError } from "./validation";

const base64Key32 = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (the start command sets it when it runs the embedded PostgreSQL)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
  /** AES-256-GCM key for connection secrets. */
  APP_ENCRYPTION_KEY: base64Key32,
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** Where the shop can fetch signed image URLs from (the web server's public address). */
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port — without it, failure e-mails are kept in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().default("APIcenter <noreply@apicenter.local>"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Sync engine and worker knobs.
  /** Records written at once per import run (CS-Cart writes). */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Orders posted at once per order export run (Visma.net writes). */
  ORDER_EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a sync job may stay active before pg-boss assumes its worker died and retries it. */
  SYNC_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).default(15 * 60),
  PGBOSS_MAINTENANCE_SECONDS: z.coerce.number().min(1).default(60),
  WORKER_POLL_SECONDS: z.coerce.number().min(0.5, "pg-boss polls at most every 0.5 s").default(2),
  /** Prefix of the worker's id in logs and on the dashboard. */
  WORKER_NAME: z.string().regex(/^[\w.-]{1,40}$/, "letters, digits, dots and dashes, at most 40").default("worker"),
  /** "off": no cron schedules (tests drive the queues themselves). */
  WORKER_SCHEDULES: z.enum(["on", "off"]).default("on"),
  /** How long a stopping worker lets running jobs finish. */
  WORKER_STOP_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** Development and test only: secrets generated once into the git-ignored data folder. */
export function localDevSecrets(): { APP_ENCRYPTION_KEY: string; NEXTAUTH_SECRET: string } {
  const dir = path.join(process.cwd(), ".data");
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

/** Parses an environment; exported for tests. Production never falls back to generated secrets. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  let input = { ...source };
  const isProduction = source.NODE_ENV === "production";
  if (!isProduction && (!input.APP_ENCRYPTION_KEY || !input.NEXTAUTH_SECRET)) {
    const dev = localDevSecrets();
    input = { APP_ENCRYPTION_KEY: dev.APP_ENCRYPTION_KEY, NEXTAUTH_SECRET: dev.NEXTAUTH_SECRET, ...stripEmpty(input) };
  }
  const result = EnvSchema.safeParse(stripEmpty(input));
  if (!result.success) {
    throw new AppError("ENV_INVALID", `Invalid environment: ${describeZodError(result.error)}`);
  }
  return result.data;
}

function stripEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
