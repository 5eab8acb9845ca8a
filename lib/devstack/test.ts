/**
 * `npm test`: every test, in order: type check, lint, unit + integration (vitest, real PostgreSQL and
 * simulators), then end-to-end (Playwright in Chromium against the running product).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareTestDatabase, withDatabaseName } from "./test-database";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const bin = (tool: string) => path.join("node_modules", ".bin", tool);
const only = process.argv[2]; // optional: "unit" or "e2e"
const VITEST_REPORT = "test-results/vitest.json";
const PLAYWRIGHT_REPORT = "test-results/playwright.json";

/** Adds up the runners' JSON reports into one line (a step that crashed counts as one failure). */
function countTests(): { passed: number; failed: number; skipped: number } {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(VITEST_REPORT)) {
    const report = JSON.parse(readFileSync(VITEST_REPORT, "utf8"));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  if (existsSync(PLAYWRIGHT_REPORT)) {
    const stats = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, "utf8")).stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
  }
  return totals;
}

async function main() {
  for (const report of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(report, { force: true });
  const { url, server } = await prepareTestDatabase("apicenter_test");
  const env = { ...process.env, DATABASE_URL: url, APICENTER_TEST_DB_READY: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  const results: { step: string; code: number }[] = [];
  try {
    if (!only || only === "unit") {
      results.push({ step: "typecheck", code: await run(bin("tsc"), ["--noEmit", "-p", "."], env) });
      results.push({ step: "lint", code: await run("npm", ["run", "--silent", "lint"], env) });
      results.push({
        step: "vitest",
        code: await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`], env),
      });
    }
    if (!only || only === "e2e") {
      // The e2e stack recreates its own database on the same server.
      const e2eEnv = { ...env, DATABASE_URL: withDatabaseName(url, "apicenter_e2e") };
      results.push({ step: "playwright", code: await run(bin("playwright"), ["test"], e2eEnv) });
    }
  } finally {
    await server?.stop();
  }
  const failed = results.filter((r) => r.code !== 0);
  console.log(`\nTest steps: ${results.map((r) => `${r.step} ${r.code === 0 ? "passed" : "FAILED"}`).join(", ")}`);
  const totals = countTests();
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failed.length || totals.failed ? 1 : 0);
}

void main();
