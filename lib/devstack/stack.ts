/**
 * Starts the whole product on one machine: PostgreSQL (embedded unless DATABASE_URL is set),
 * migrations, the two simulators, demo seed, the web server and a worker. Used by `npm start`
 * (profile "dev") and by the Playwright e2e run (profile "e2e", its own ports and database).
 *
 * The demo tenant, its published logins, the simulators and the generated secrets are this
 * stack's, never the product's: a production start (the Dockerfile's commands) does none of it.
 * In "prod" mode the stack builds and lays out the image as the Dockerfile does
 * (runtime-image.ts) and runs its commands; being plain http on localhost, it says so explicitly
 * (ALLOW_LOCALHOST_HTTP) and hands over the local secrets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { prettyFactory } from "pino-pretty";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-db";
import { appendAllowedPrivateHosts, localDevSecrets } from "../env";
import { workerProcessEnv } from "../jobs/worker-node-options";
import { startMailbox } from "./mailbox";
import { applyMigrations } from "./migrate";
import { E2E_IMAGE_DIR, E2E_METRICS_TOKEN, PORTS } from "./ports";
import { packageScriptArgv, replayDockerfile } from "./runtime-image";
import { recreateDatabase } from "./test-database";

export type StackProfile = {
  name: "dev" | "e2e";
  pgDataDir: string;
  pgPort: number;
  database: string;
  /** Drop and recreate the database first (e2e starts from nothing). */
  freshDatabase: boolean;
  webPort: number;
  cscartSimPort: number;
  vismaSimPort: number;
  /** The local mailbox's SMTP port (used unless SMTP_URL is set), and its HTTP message list (e2e). */
  mailSmtpPort: number;
  mailboxHttpPort?: number;
  /** "dev" = next dev + tsx worker (fast start); "prod" = the Dockerfile's build and commands. */
  webMode: "dev" | "prod";
  /** Where "prod" lays out the runtime image. */
  imageDir: string;
  workerHttpPort: number;
  workerEnv?: Record<string, string>;
  /** Extra environment for the simulators. */
  simEnv?: Record<string, string>;
  /** Extra environment for web and worker. */
  env?: Record<string, string>;
};

export const PROFILES: Record<StackProfile["name"], StackProfile> = {
  dev: {
    name: "dev",
    pgDataDir: ".data/pg-dev",
    pgPort: Number(process.env.APICENTER_PG_PORT ?? PORTS.devPostgres),
    database: "apicenter",
    freshDatabase: false,
    webPort: Number(process.env.PORT ?? 3000),
    cscartSimPort: Number(process.env.CSCART_SIM_PORT ?? 4101),
    vismaSimPort: Number(process.env.VISMA_SIM_PORT ?? 4102),
    mailSmtpPort: PORTS.devMailSmtp,
    webMode: process.argv.includes("--prod") ? "prod" : "dev",
    imageDir: ".data/image-dev",
    workerHttpPort: PORTS.devWorkerHttp,
    // The demo's warehouse: an exported order is shipped (with a tracking number) a minute later.
    simEnv: { SIM_VISMA_AUTO_SHIP_SECONDS: process.env.SIM_VISMA_AUTO_SHIP_SECONDS ?? "60" },
  },
  e2e: {
    name: "e2e",
    pgDataDir: ".data/pg-test",
    pgPort: PORTS.testPostgres,
    database: "apicenter_e2e",
    freshDatabase: true,
    webPort: PORTS.e2eWeb,
    cscartSimPort: PORTS.e2eCscartSim,
    vismaSimPort: PORTS.e2eVismaSim,
    mailSmtpPort: PORTS.e2eMailSmtp,
    mailboxHttpPort: PORTS.e2eMailbox,
    webMode: "prod",
    imageDir: E2E_IMAGE_DIR,
    workerHttpPort: PORTS.e2eWorkerHttp,
    workerEnv: { WORKER_POLL_SECONDS: "1", SYNC_JOB_EXPIRE_SECONDS: "120" },
    env: { METRICS_TOKEN: E2E_METRICS_TOKEN },
  },
};

const children: { name: string; process: ChildProcess }[] = [];

const prettyLog = prettyFactory({ colorize: Boolean(process.stdout.isTTY), translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true });

/** The processes log JSON lines (lib/logger.ts); on this terminal they read better as text. */
function readable(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    return prettyLog(JSON.parse(line) as Record<string, unknown>).trimEnd();
  } catch {
    return line;
  }
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess {
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${readable(line)}`)
      .join("\n") + "\n";
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  children.push({ name, process: child });
  return child;
}

async function waitForHttp(url: string, what: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`);
}

const bin = (tool: string) => path.join("node_modules", ".bin", tool);

export async function startStack(profile: StackProfile) {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`Starting embedded PostgreSQL (${profile.pgDataDir}, port ${profile.pgPort})…`);
    embedded = await startEmbeddedPostgres({ dataDir: profile.pgDataDir, port: profile.pgPort, database: profile.database, log: console.log });
    databaseUrl = embedded.url;
  }
  if (profile.freshDatabase) await recreateDatabase(databaseUrl);
  await applyMigrations(databaseUrl, (line) => console.log(line));

  // Invitations and password resets go out by e-mail: without an SMTP server of the operator's,
  // a local mailbox takes them (and npm start prints them, links included).
  const mailbox = process.env.SMTP_URL
    ? undefined
    : await startMailbox({
        smtpPort: profile.mailSmtpPort,
        httpPort: profile.mailboxHttpPort,
        onMail:
          profile.name === "dev"
            ? (mail) => console.log(`[mail] to ${mail.to.join(", ")}: ${mail.subject}\n${mail.text.replace(/^/gm, "[mail]   ")}`)
            : undefined,
      });

  const cscartUrl = `http://127.0.0.1:${profile.cscartSimPort}`;
  const vismaUrl = `http://127.0.0.1:${profile.vismaSimPort}`;
  const env: NodeJS.ProcessEnv = {
    // This stack runs on one machine: its production build uses the generated local secrets
    // (production itself must be given real ones; lib/env.ts refuses to start without them).
    ...localDevSecrets(),
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: `http://localhost:${profile.webPort}`,
    PUBLIC_BASE_URL: `http://localhost:${profile.webPort}`,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    NEXT_DIST_DIR: profile.name === "e2e" ? ".next-e2e" : ".next",
    WORKER_HTTP_PORT: String(profile.workerHttpPort),
    ...profile.env,
    // The demo tenant points at the simulators on this machine: the outbound guard must let the
    // web server and the worker reach them (and whatever the operator already listed).
    ALLOWED_PRIVATE_HOSTS: appendAllowedPrivateHosts(process.env.ALLOWED_PRIVATE_HOSTS, [cscartUrl, vismaUrl]),
    ...(mailbox ? { SMTP_URL: mailbox.smtpUrl } : {}),
  };

  launch("sim", bin("tsx"), ["simulators/cli.ts"], {
    ...env,
    ...profile.simEnv,
    CSCART_SIM_PORT: String(profile.cscartSimPort),
    VISMA_SIM_PORT: String(profile.vismaSimPort),
  });
  await Promise.all([waitForHttp(cscartUrl, "CS-Cart simulator"), waitForHttp(vismaUrl, "Visma.net simulator")]);

  // Seed through the app's own code, with this database. The seed sets the demo up as a person
  // would (connection tests, dry runs against the simulators), so it may reach them too.
  process.env.DATABASE_URL = databaseUrl;
  process.env.ALLOWED_PRIVATE_HOSTS = env.ALLOWED_PRIVATE_HOSTS;
  const { seedDemo, DEMO_LOGIN, DEMO_VIEWER_LOGIN } = await import("../../prisma/seed");
  await seedDemo({ cscartUrl, vismaUrl });

  if (profile.webMode === "prod") {
    const image = await replayDockerfile({ dir: profile.imageDir, distDir: env.NEXT_DIST_DIR!, log: console.log });
    // As in a container: the image's ENV over the host's, then what `docker run -e` would add. This
    // stack is plain http on localhost, and says so (never a silent fallback).
    const imageEnv = { ...env, ...image.env, PORT: String(profile.webPort), ALLOW_LOCALHOST_HTTP: "true" };
    const [webCommand, ...webArgs] = image.command;
    launch("web", webCommand!, webArgs, imageEnv, image.dir);
    const [workerCommand, ...workerArgs] = packageScriptArgv("start:worker");
    launch("worker", workerCommand!, workerArgs, { ...imageEnv, ...profile.workerEnv }, image.dir);
  } else {
    launch("web", bin("next"), ["dev", "-p", String(profile.webPort)], env);
    launch("worker", bin("tsx"), ["workers/main.ts"], workerProcessEnv({ ...env, ...profile.workerEnv }));
  }
  await waitForHttp(`http://localhost:${profile.webPort}/login`, "web server");

  const url = `http://localhost:${profile.webPort}`;
  console.log(
    [
      "",
      `APIcenter is running at ${url}`,
      `  log in as owner:  ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`,
      `  or as viewer:     ${DEMO_VIEWER_LOGIN.email} / ${DEMO_VIEWER_LOGIN.password}`,
      `  CS-Cart simulator ${cscartUrl}, Visma.net simulator ${vismaUrl}`,
      ...(mailbox ? [`  e-mail (invitations, password resets) goes to a local mailbox and is printed here, prefixed [mail]`] : []),
      "Press Ctrl-C to stop everything.",
      "",
    ].join("\n"),
  );

  return {
    url,
    databaseUrl,
    stop: async () => {
      for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGTERM");
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.process.exitCode !== null || child.process.signalCode) return resolve();
              const force = setTimeout(() => child.process.kill("SIGKILL"), 15_000);
              child.process.on("exit", () => {
                clearTimeout(force);
                resolve();
              });
            }),
        ),
      );
      await mailbox?.close();
      await embedded?.stop();
    },
  };
}

/** Runs a profile until Ctrl-C / SIGTERM, then stops every part in order. */
export async function runStackUntilStopped(profile: StackProfile): Promise<void> {
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping web, worker, simulators and database…`);
    await stack?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl-C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    stack = await startStack(profile);
  } catch (error) {
    console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stack?.stop();
    for (const child of children) child.process.kill("SIGKILL");
    process.exit(1);
  }
  for (const child of children) {
    child.process.on("exit", (code) => {
      if (!stopping) void stop(`${child.name} exited (code ${code})`);
    });
  }
}
