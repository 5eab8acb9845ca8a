import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { commandLineOf, findNodeProcess, heapUsedBytesFrom, isNextServer, isNodeRunning, statusKb, WORKER_SCRIPT } from "./rss";

const children: ChildProcess[] = [];
/** Processes started below a launcher: killing the launcher leaves them running. */
const grandchildren: number[] = [];
afterEach(() => {
  for (const pid of grandchildren.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Waits until /proc shows `pid` with a command line matching `expected`. */
async function running(pid: number, expected: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !expected.test(commandLineOf(pid).join(" ")); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function findNodeProcessOrUndefined(pid: number): number | undefined {
  try {
    return findNodeProcess(pid, WORKER_SCRIPT);
  } catch {
    return undefined;
  }
}

describe("which process is measured", () => {
  it("takes a node process running the worker, not tsx's esbuild service nor a launcher", () => {
    expect(isNodeRunning(["/usr/bin/node", "--import", "tsx", "workers/main.ts"], WORKER_SCRIPT)).toBe(true);
    expect(isNodeRunning(["node", "--max-old-space-size=192", "/app/.next/bin/worker.mjs"], WORKER_SCRIPT)).toBe(true);
    expect(isNodeRunning(["/work/node_modules/@esbuild/linux-x64/bin/esbuild", "--service=0.28.2", "--ping"], WORKER_SCRIPT)).toBe(false);
    expect(isNodeRunning(["sh", "-c", "node workers/main.ts"], WORKER_SCRIPT)).toBe(false);
    expect(isNodeRunning(["node", "workers/main.tsx"], WORKER_SCRIPT)).toBe(false);
  });

  it("knows next start's server by the name it gives its process", () => {
    expect(isNextServer(["next-server (v16.4.6)"])).toBe(true);
    expect(isNextServer(["node", "node_modules/.bin/next", "start", "-p", "3000"])).toBe(true);
    expect(isNextServer(["node", "workers/main.ts"])).toBe(false);
  });

  it("finds the worker below a launcher, by command line", async () => {
    // sh stays the parent (the `; true`), as tsx's launcher did; the node child is the worker.
    const launcher = spawn("sh", ["-c", `"${process.execPath}" -e "setInterval(() => {}, 1000)" workers/main.ts; true`], { stdio: "ignore" });
    children.push(launcher);
    await running(launcher.pid!, /^sh /);
    for (let i = 0; i < 200 && !findNodeProcessOrUndefined(launcher.pid!); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const worker = findNodeProcess(launcher.pid!, WORKER_SCRIPT);
    grandchildren.push(worker);
    expect(worker).not.toBe(launcher.pid);
    expect(commandLineOf(worker)).toContain("workers/main.ts");
    expect(statusKb(worker, "VmRSS")).toBeGreaterThan(1000);
  });

  it("fails, naming what it found, when no process is the worker", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    children.push(other);
    await running(other.pid!, /sleep 30/);
    expect(() => findNodeProcess(other.pid!, WORKER_SCRIPT)).toThrow(/No Node\.js process running .* found \d+: sleep 30/);
  });
});

describe("heapUsedBytesFrom", () => {
  it("reads prom-client's heap gauge with or without a prefix and labels", () => {
    expect(heapUsedBytesFrom("# HELP x\napicenter_nodejs_heap_size_used_bytes 52428800\nother 1")).toBe(52_428_800);
    expect(heapUsedBytesFrom('nodejs_heap_size_used_bytes{worker="a"} 1.5e+7')).toBe(15_000_000);
    expect(heapUsedBytesFrom("apicenter_nodejs_heap_size_total_bytes 9")).toBeUndefined();
  });
});
