/**
 * The production path, run as the image runs it: the web server (the Dockerfile's CMD) and a worker
 * (`npm run start:worker`, compose's worker command) from the runtime image the e2e stack laid out
 * (lib/devstack/runtime-image.ts), against an empty database of their own, configured only through
 * a clean environment. Checks the refusals, health, metrics, the operator's first tenant, a login
 * and one sync through the worker; then a clean stop.
 *
 * It is plain http on localhost, so it sets ALLOW_LOCALHOST_HTTP, as `npm start -- --prod` does.
 * The schedule tick is off: this tenant points at the e2e simulators, which other specs share.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import pg from "pg";
import { E2E_IMAGE_DIR, PORTS } from "../lib/devstack/ports";
import { imageConfig, packageScriptArgv } from "../lib/devstack/runtime-image";
import { recreateDatabase, withDatabaseName } from "../lib/devstack/test-database";
import { connectSimulators, SIMULATORS } from "./helpers";

const DATABASE_URL = withDatabaseName(process.env.DATABASE_URL!, "apicenter_production");
const WEB_URL = `http://localhost:${PORTS.prodTestWeb}`;
const WORKER_URL = `http://127.0.0.1:${PORTS.prodTestWorkerHttp}`;
const METRICS_TOKEN = randomBytes(24).toString("hex");
const image = imageConfig();

/** Only what an operator would set: no host variables beyond PATH and HOME, no generated secrets. */
const productionEnv: Record<string, string> = {
  PATH: process.env.PATH!,
  HOME: process.env.HOME!,
  ...image.env,
  DATABASE_URL,
  APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: WEB_URL,
  ALLOW_LOCALHOST_HTTP: "true",
  PORT: String(PORTS.prodTestWeb),
  METRICS_TOKEN,
  WORKER_HTTP_PORT: String(PORTS.prodTestWorkerHttp),
  WORKER_POLL_SECONDS: "0.5",
  WORKER_SCHEDULES: "off",
  // The simulators listen on 127.0.0.1: an operator's explicit exception for private hosts.
  ALLOWED_PRIVATE_HOSTS: [SIMULATORS.cscart, SIMULATORS.visma].map((url) => new URL(url).host).join(","),
};

type Started = { child: ChildProcess; lines: string[]; exited: Promise<number | null> };

function start(argv: string[], env: Record<string, string | undefined>): Started {
  const [command, ...args] = argv;
  const child = spawn(command!, args, { cwd: E2E_IMAGE_DIR, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exited };
}

/** The JSON lines of a process log (lib/logger.ts); Next.js's own banner lines are plain text. */
function logRecords(started: Started): Record<string, unknown>[] {
  return started.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function metricsText(base: string): Promise<string> {
  const response = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series in Prometheus text, e.g. `apicenter_sync_runs_total{module="STOCK_SYNC",outcome="succeeded"}`. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test.describe.configure({ mode: "serial" });

let web: Started;
let worker: Started;

test.beforeAll(async () => {
  await recreateDatabase(DATABASE_URL);
});

test.afterAll(async () => {
  for (const started of [web, worker]) if (started && started.child.exitCode === null) started.child.kill("SIGKILL");
});

test("refuses to start without its secrets or with a plain-http public URL, before touching the database", async () => {
  const { APP_ENCRYPTION_KEY: _key, ...withoutKey } = productionEnv;
  const noKey = start(packageScriptArgv("start:worker"), withoutKey);
  expect(await noKey.exited).toBe(1);
  expect(noKey.lines.join("\n")).toMatch(/APP_ENCRYPTION_KEY: is required/);
  // A built worker is production whatever NODE_ENV says: no development secrets to fall back on.
  const saysDevelopment = start(packageScriptArgv("start:worker"), { ...withoutKey, NODE_ENV: "development" });
  expect(await saysDevelopment.exited).toBe(1);
  expect(saysDevelopment.lines.join("\n")).toMatch(/APP_ENCRYPTION_KEY: is required/);

  const { NEXTAUTH_SECRET: _secret, ...withoutSecret } = productionEnv;
  const noSecret = start(image.command, withoutSecret);
  expect(await noSecret.exited).toBe(1);
  expect(noSecret.lines.join("\n")).toMatch(/NEXTAUTH_SECRET: is required/);

  const publicHttp = start(image.command, { ...productionEnv, NEXTAUTH_URL: "http://apicenter.example.com" });
  expect(await publicHttp.exited).toBe(1);
  expect(publicHttp.lines.join("\n")).toMatch(/NEXTAUTH_URL: must start with https:\/\/ in production/);

  const { ALLOW_LOCALHOST_HTTP: _flag, ...withoutFlag } = productionEnv;
  const localHttp = start(image.command, withoutFlag);
  expect(await localHttp.exited).toBe(1);
  expect(localHttp.lines.join("\n")).toMatch(/ALLOW_LOCALHOST_HTTP=true/);

  // Nothing was migrated or created by the refused starts.
  expect(await query("select table_name from information_schema.tables where table_schema in ('public', 'pgboss')")).toEqual([]);
});

test("web and worker start together on an empty database: migrations once, healthy, and no demo data", async () => {
  web = start(image.command, productionEnv);
  worker = start(packageScriptArgv("start:worker"), productionEnv);
  await expect.poll(async () => (await getJson(`${WEB_URL}/api/health/ready`).catch(() => ({ status: 0 }))).status, { timeout: 90_000 }).toBe(200);
  await expect.poll(async () => (await getJson(`${WORKER_URL}/api/health/ready`).catch(() => ({ status: 0 }))).status, { timeout: 90_000 }).toBe(200);

  expect(await getJson(`${WEB_URL}/api/health/live`)).toEqual({ status: 200, body: { status: "ok" } });
  const ready = await getJson(`${WEB_URL}/api/health/ready`);
  expect(ready.body).toEqual({ status: "ready", checks: { database: { ok: true }, migrations: { ok: true }, jobQueue: { ok: true } } });
  const workerReady = await getJson(`${WORKER_URL}/api/health/ready`);
  expect(workerReady.body.checks).toMatchObject({ heartbeat: { ok: true }, accepting: { ok: true }, migrations: { ok: true } });
  expect(workerReady.body.worker).toMatchObject({ lastHeartbeatAt: expect.any(String), activeJobs: 0 });
  expect((await getJson(`${WORKER_URL}/api/health/live`)).status).toBe(200);

  const migrations = readdirSync(path.join("prisma", "migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  expect(await query("select name from app_migrations")).toHaveLength(migrations.length);
  const [counts] = await query<{ tenants: number; users: number }>(
    `select (select count(*) from "Tenant")::int as tenants, (select count(*) from "User")::int as users`,
  );
  expect(counts).toEqual({ tenants: 0, users: 0 });
  // Each process logged its migration work as JSON, on stdout.
  expect(logRecords(web).some((record) => record.msg === "web process ready to serve")).toBe(true);
  expect(logRecords(worker).some((record) => typeof record.msg === "string" && record.msg.startsWith("ready") && typeof record.workerId === "string")).toBe(
    true,
  );
});

test("metrics need the bearer token", async () => {
  for (const base of [WEB_URL, WORKER_URL]) {
    expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(401);
  }
  const text = await metricsText(WEB_URL);
  expect(seriesValue(text, 'apicenter_queue_jobs{queue="sync-stock",state="waiting"}')).toBe(0);
  expect(text).toContain("apicenter_process_resident_memory_bytes");
});

async function logInAs(browser: Browser, login: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: WEB_URL });
  const page = await context.newPage();
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel("E-mail").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
  return { context, page };
}

test("an operator creates the first tenant; its owner logs in, connects the shop and Visma.net, and a sync runs on the worker", async ({ browser }) => {
  // No SMTP here: the CLI prints the owner's invitation link for the operator to hand over.
  const create = start(
    [...packageScriptArgv("tenant"), "create", "prod-shop", "--name", "Production Shop", "--owner", "owner@prod-shop.example"],
    productionEnv,
  );
  expect(await create.exited).toBe(0);
  const created = JSON.parse(create.lines.filter((line) => !line.startsWith('{"level"')).join("\n")) as { owner: string; invitationLink: string };
  expect(created.owner).toBe("owner@prod-shop.example");
  const password = "production-owner-password";
  const invitation = await browser.newContext({ baseURL: WEB_URL });
  const welcome = await invitation.newPage();
  await welcome.goto(created.invitationLink.replace(/^https?:\/\/[^/]+/, WEB_URL), { waitUntil: "networkidle" });
  await welcome.getByLabel("New password", { exact: true }).fill(password);
  await welcome.getByLabel("New password again").fill(password);
  await welcome.getByRole("button", { name: "Save password" }).click();
  await expect(welcome.getByText("Your password is set")).toBeVisible();
  await invitation.close();

  const { context, page } = await logInAs(browser, { email: created.owner, password });
  await connectSimulators(page, "prod-shop");

  // A new tenant has every module off: a dry run of stock sync on the worker, then it is switched on
  // from the setup checklist and its card offers "Run now".
  await page.goto("/prod-shop");
  await page.getByRole("button", { name: "Dry run of Stock sync" }).click();
  const stockRuns = () => query<{ status: string; dryRun: boolean }>(`select status, "dryRun" from "SyncRun" where module = 'STOCK_SYNC' order by "queuedAt"`);
  await expect.poll(stockRuns, { timeout: 120_000 }).toEqual([{ status: "SUCCEEDED", dryRun: true }]);
  await page.getByRole("button", { name: "Turn on Stock sync" }).click();
  await page.getByRole("button", { name: "Run Stock sync now" }).click();
  await expect.poll(stockRuns, { timeout: 120_000 }).toEqual([
    { status: "SUCCEEDED", dryRun: true },
    { status: "SUCCEEDED", dryRun: false },
  ]);
  await context.close();

  const text = await metricsText(WORKER_URL);
  // Sync metrics count what reached the remotes: the run, not the dry run; both were jobs.
  expect(seriesValue(text, 'apicenter_sync_runs_total{module="STOCK_SYNC",outcome="succeeded"}')).toBe(1);
  expect(seriesValue(text, 'apicenter_job_duration_seconds_count{queue="sync-stock",outcome="completed"}')).toBe(2);
  expect(seriesValue(text, 'apicenter_remote_requests_total{remote="visma",outcome="ok"}')).toBeGreaterThan(0);
  expect(seriesValue(text, 'apicenter_remote_request_duration_seconds_count{remote="visma",outcome="ok"}')).toBeGreaterThan(0);
  test.info().annotations.push({
    type: "metrics after one sync (worker)",
    description: text
      .split("\n")
      .filter((line) => /^apicenter_(sync|remote|job|queue)/.test(line))
      .join("\n"),
  });

  // The worker's lines for that job name the job and the tenant.
  const [tenant] = await query<{ id: string }>(`select id from "Tenant" where slug = 'prod-shop'`);
  expect(logRecords(worker).some((record) => record.queue === "sync-stock" && typeof record.jobId === "string" && record.tenantId === tenant!.id)).toBe(true);
});

test("SIGTERM: the worker finishes cleanly, the web server stops", async () => {
  web.child.kill("SIGTERM");
  worker.child.kill("SIGTERM");
  expect(await worker.exited).toBe(0);
  expect(logRecords(worker).some((record) => record.msg === "stopped")).toBe(true);
  // Next.js's standalone server ends on SIGTERM with 128 + 15.
  expect(await web.exited).toBe(143);
});
