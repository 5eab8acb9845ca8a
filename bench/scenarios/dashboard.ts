/**
 * Scenario 8: dashboard latency under load with many log rows. A production build (`next build`
 * into bench/.next-build, reused while the sources are unchanged) served by `next start` on a free
 * loopback port, a logged-in session, the log rows inserted with one generate_series statement,
 * then autocannon on each page and JSON route for a fixed number of seconds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { db } from "../../lib/db";
import { env } from "../../lib/env";
import { createTenant } from "../../lib/tenants/create-tenant";
import { percentile } from "../percentile";
import { findNodeProcess, isNextServer, PeakMemoryTracker } from "../rss";
import { freePort } from "../stack";
import type { ScenarioResult } from "../table";
import type { BenchContext } from "./context";

const DIST_DIR = path.join("bench", ".next-build");
const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "next.config.js", "package-lock.json", "postcss.config.mjs"];

function newestMtimeMs(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

function run(command: string, args: string[], extraEnv: Record<string, string>): { child: ChildProcess; output: string[] } {
  const child = spawn(command, args, { env: { ...process.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

/**
 * `next build` adds its dist folder's types to tsconfig.json's include list; the bench build is
 * private, so those entries are taken out again (only those: others may be editing the file).
 */
async function buildIfStale(webEnv: Record<string, string>, log: (line: string) => void): Promise<void> {
  const buildId = path.join(DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newestMtimeMs))) {
    log("8. reusing the dashboard build in bench/.next-build (sources unchanged)");
    return;
  }
  log("8. next build into bench/.next-build …");
  const { child, output } = run("node_modules/.bin/next", ["build"], webEnv);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const tsconfig = JSON.parse(readFileSync("tsconfig.json", "utf8")) as { include?: string[] };
  const ours = (tsconfig.include ?? []).filter((entry) => entry.startsWith(DIST_DIR));
  if (ours.length) {
    tsconfig.include = tsconfig.include!.filter((entry) => !ours.includes(entry));
    writeFileSync("tsconfig.json", `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
  if (code !== 0) throw new Error(`next build failed:\n${output.join("").slice(-3000)}`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { redirect: "manual" })).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s`);
}

/** next-auth credentials flow: csrf token (and its cookie), then the callback; returns the cookies. */
async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(callback);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`login failed (status ${callback.status})`);
  return cookieHeader();
}

/** Log rows spread over the last 25 days, all levels and modules, some tied to the tenant's runs. */
async function insertLogRows(tenantId: string, rows: number): Promise<void> {
  await db.$executeRaw`
    insert into "LogEntry" ("tenantId", "runId", module, level, message, context, "createdAt", "expiresAt")
    select ${tenantId}::uuid,
           case when g % 10 = 0 then (select id from "SyncRun" where "tenantId" = ${tenantId}::uuid order by "queuedAt" desc limit 1) end,
           (array['ORDER_EXPORT','PRODUCT_IMPORT','CUSTOMER_IMPORT','STOCK_SYNC'])[1 + (g / 6) % 4],
           (array['INFO','INFO','INFO','DEBUG','WARN','ERROR'])[1 + g % 6]::"LogLevel",
           'Order ' || (100000 + g) || ' → Visma.net sales order ' || (500000 + g) || '.',
           jsonb_build_object('customerNumber', (10000 + g % 5000)::text),
           now() - (g * (25 * 86400.0 / ${rows})) * interval '1 second',
           now() + interval '30 days'
    from generate_series(1, ${rows}::int) as g`;
  await db.$executeRawUnsafe(`analyze "LogEntry"`);
}

export type Measured = { p50Ms: number; p95Ms: number; requests: number; seconds: number; non2xx: number; errors: number };

async function load(url: string, cookie: string, ctx: BenchContext): Promise<Measured> {
  const { httpConnections, httpSeconds } = ctx.config;
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({ url, connections: httpConnections, duration: httpSeconds, timeout: 30, headers: { cookie } });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const result = await instance;
  return {
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    requests: latencies.length,
    seconds: result.duration,
    non2xx,
    errors: result.errors,
  };
}

export type DashboardServer = {
  baseUrl: string;
  /** Loads one route for the configured seconds (after one request to warm it up), with the web server's peak RSS. */
  measure(route: string): Promise<Measured & { rssMb: number | null }>;
  stop(): Promise<void>;
};

/** The dashboard's production build served by `next start`, logged in as the bench owner. */
export async function startDashboardServer(ctx: BenchContext, label: string, beforeStart: () => Promise<void> = async () => {}): Promise<DashboardServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secrets = env();
  const webEnv = {
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: secrets.DATABASE_URL,
    APP_ENCRYPTION_KEY: secrets.APP_ENCRYPTION_KEY,
    NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
    NEXTAUTH_URL: baseUrl,
    PUBLIC_BASE_URL: baseUrl,
    // A production build on plain http, on this machine only (lib/env.ts refuses it otherwise).
    ALLOW_LOCALHOST_HTTP: "true",
  };
  await buildIfStale(webEnv, ctx.log);
  await beforeStart();
  ctx.log(`${label}. next start on ${baseUrl}`);
  const web = run("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], webEnv);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (web.child.exitCode !== null) return resolve();
      web.child.once("exit", () => resolve());
      web.child.kill("SIGTERM");
    });
  try {
    await waitForHttp(`${baseUrl}/login`, 60_000);
    const cookie = await logIn(baseUrl, ctx.owner.email, ctx.owner.password);
    return {
      baseUrl,
      stop,
      async measure(route) {
        // One request first, so compiling and caches do not count against the route.
        await fetch(`${baseUrl}${route}`, { headers: { cookie } });
        const memory = new PeakMemoryTracker([{ pid: findNodeProcess(web.child.pid!, isNextServer) }]);
        const measured = await load(`${baseUrl}${route}`, cookie, ctx);
        return { ...measured, rssMb: (await memory.stop()).rssMb };
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function runDashboardScenario(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { config } = ctx;
  // The product tenant (runs, ledger) when scenario 1 ran; else an empty one.
  const tenant =
    ctx.dashboardTenant ?? (await createTenant({ slug: `bench-dashboard-${Date.now().toString(36)}`, name: "Bench dashboard", ownerUserId: ctx.owner.id }));
  const server = await startDashboardServer(ctx, "8", async () => {
    ctx.log(`8. inserting ${config.logRows.toLocaleString("en-US")} log rows for ${tenant.slug}`);
    const insertStarted = Date.now();
    await insertLogRows(tenant.id, config.logRows);
    ctx.log(`8. inserted in ${((Date.now() - insertStarted) / 1000).toFixed(1)} s`);
  });
  try {
    const targets: [string, string][] = [
      ["8a", `/${tenant.slug}`],
      ["8b", `/${tenant.slug}/runs`],
      ["8c", `/${tenant.slug}/logs`],
      ["8d", `/api/t/${tenant.slug}/overview`],
      ["8e", `/api/t/${tenant.slug}/runs`],
      ["8f", `/api/t/${tenant.slug}/logs`],
      ["8g", `/api/t/${tenant.slug}/logs?q=${encodeURIComponent("sales order 512345")}`],
      ["8h", `/api/t/${tenant.slug}/logs?level=ERROR&module=ORDER_EXPORT`],
    ];
    const rows: ScenarioResult[] = [];
    for (const [id, route] of targets) {
      const { rssMb, ...measured } = await server.measure(route);
      ctx.log(`8. GET ${route}: p50 ${measured.p50Ms.toFixed(0)} ms, p95 ${measured.p95Ms.toFixed(0)} ms over ${measured.requests} requests`);
      rows.push({
        id,
        name: `GET ${route.replace(tenant.slug, "<t>")}`,
        records: measured.requests,
        wallSeconds: measured.seconds,
        recordsPerSecond: measured.requests / Math.max(0.001, measured.seconds),
        calls: null,
        peakRssMb: rssMb,
        peakHeapMb: null,
        needed: null,
        bound: null,
        ratio: null,
        throughput: false,
        legacy: null,
        notes: [
          `p50 ${measured.p50Ms.toFixed(0)} ms, p95 ${measured.p95Ms.toFixed(0)} ms (${config.httpConnections} connections, ${config.logRows.toLocaleString("en-US")} log rows; RSS is the web server's)${measured.non2xx || measured.errors ? `; ${measured.non2xx} non-2xx, ${measured.errors} errors` : ""}`,
        ],
        details: { ...measured, logRows: config.logRows, route },
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
