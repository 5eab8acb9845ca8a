/** Starts real worker processes (workers/main.ts) for tests, and waits until they take jobs. */
import { spawn, type ChildProcess } from "node:child_process";
import { workerProcessEnv } from "../lib/jobs/worker-node-options";

export type WorkerProcess = { process: ChildProcess; output: string[]; stop(signal?: NodeJS.Signals): Promise<void> };

export async function startWorkerProcess(name: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  if (process.env.APICENTER_TESTS_MAY_START_WORKERS !== "1") {
    // A worker takes jobs of every test file in the shared database but reaches only this file's
    // simulators: list the file in vitest.config.mts (STARTS_WORKER_PROCESSES) so it runs alone.
    throw new Error("This test file starts worker processes: add it to STARTS_WORKER_PROCESSES in vitest.config.mts.");
  }
  // node itself loads tsx: one process, so a signal (SIGKILL above all) reaches the worker. Through
  // the tsx command the worker would be tsx's child and outlive a killed parent.
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: workerProcessEnv({
      ...process.env,
      WORKER_NAME: name,
      WORKER_SCHEDULES: "off",
      WORKER_POLL_SECONDS: "0.5",
      WORKER_CONCURRENCY: "2",
      SYNC_JOB_EXPIRE_SECONDS: "20",
      PGBOSS_MAINTENANCE_SECONDS: "2",
      // Tests start many workers side by side; a test that wants the health port passes one.
      WORKER_HTTP_PORT: "0",
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${name} did not start:\n${output.join("\n")}`)), 60_000);
    const check = () => {
      if (output.some((line) => line.includes("ready"))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${name} exited with ${code}:\n${output.join("\n")}`));
    });
  });
  return {
    process: child,
    output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
