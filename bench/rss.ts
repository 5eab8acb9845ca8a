/**
 * Peak memory of the processes a scenario measures, from /proc (Linux): resident memory (VmRSS
 * sampled every 100 ms, and VmHWM after resetting it) and, for workers, the V8 heap the worker
 * reports on its metrics port. The process measured is found by its command line, never by its
 * place in the process tree (tsx's esbuild service is a node child too), and a process whose
 * command line is not the one expected fails the benchmark.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** argv of a process (empty when it is gone). */
export function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** Whether argv is a Node.js process running `script` (e.g. workers/main.ts), not a helper it started. */
export function isNodeRunning(argv: readonly string[], script: RegExp): boolean {
  const executable = path.basename(argv[0] ?? "");
  return /^node(\d+)?$/.test(executable) && argv.slice(1).some((arg) => script.test(arg));
}

/** The worker's entry points: the sources (through tsx) and the production bundle. */
export const WORKER_SCRIPT = /(^|\/)(workers\/main\.ts|\.next\/bin\/worker\.mjs)$/;

/** `next start` names its process "next-server (v16…)" (process.title rewrites the command line). */
export function isNextServer(argv: readonly string[]): boolean {
  return /^next-server \(v[\d.]+\)/.test(argv.join(" ")) || isNodeRunning(argv, /(^|\/)(\.bin\/next|next\/dist\/bin\/next)$/);
}

/**
 * `pid` or the first of its descendants that is a Node.js process running `script` (or, given a
 * predicate, one it accepts). Throws, naming what was found instead, when there is none: a figure
 * of the wrong process is worse than none.
 */
export function findNodeProcess(pid: number, script: RegExp | ((argv: readonly string[]) => boolean)): number {
  const matches = typeof script === "function" ? script : (argv: readonly string[]) => isNodeRunning(argv, script);
  const queue = [pid];
  const seen: string[] = [];
  while (queue.length) {
    const candidate = queue.shift()!;
    const argv = commandLineOf(candidate);
    if (matches(argv)) return candidate;
    seen.push(`${candidate}: ${argv.join(" ") || "(gone)"}`);
    queue.push(...childrenOf(candidate));
  }
  throw new Error(`No Node.js process running ${typeof script === "function" ? script.name : script} under pid ${pid}; found ${seen.join("; ")}`);
}

/** A /proc/<pid>/status field in kB (VmRSS, VmHWM), or undefined when the process is gone. */
export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The used V8 heap in bytes from Prometheus text (prom-client's default metrics, any prefix). */
export function heapUsedBytesFrom(metricsText: string): number | undefined {
  const match = metricsText.match(/^(?:\w+_)?nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([\d.e+]+)$/m);
  return match ? Number(match[1]) : undefined;
}

/** A measured process: its pid and, for workers, where its metrics (and so its heap) can be read. */
export type MeasuredProcess = { pid: number; metrics?: { url: string; token: string } };

export type PeakMemory = { rssMb: number | null; heapMb: number | null };

/** Samples VmRSS and the heap, and reads VmHWM (reset at start where the kernel allows), of some processes. */
export class PeakMemoryTracker {
  private peakKb = 0;
  private peakHeapBytes = 0;
  private peakCounterReset = true;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly processes: MeasuredProcess[],
    intervalMs = 100,
    heapIntervalMs = 1000,
  ) {
    // "5" resets the peak-RSS counter (proc(5), clear_refs), so VmHWM covers only this scenario.
    for (const { pid } of processes) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        // Not allowed here: VmHWM would include earlier scenarios; the samples still catch the peak.
        this.peakCounterReset = false;
      }
    }
    this.timers.push(setInterval(() => this.sample("VmRSS"), intervalMs));
    if (processes.some((process) => process.metrics)) this.timers.push(setInterval(() => void this.sampleHeap(), heapIntervalMs));
    for (const timer of this.timers) timer.unref();
  }

  private sample(field: "VmRSS" | "VmHWM"): void {
    for (const { pid } of this.processes) this.peakKb = Math.max(this.peakKb, statusKb(pid, field) ?? 0);
  }

  private async sampleHeap(): Promise<void> {
    await Promise.all(
      this.processes.map(async ({ metrics }) => {
        if (!metrics) return;
        try {
          const response = await fetch(metrics.url, { headers: { authorization: `Bearer ${metrics.token}` } });
          const bytes = heapUsedBytesFrom(await response.text());
          if (bytes !== undefined && !this.stopped) this.peakHeapBytes = Math.max(this.peakHeapBytes, bytes);
        } catch {
          // The worker is busy or stopping; the next sample will do.
        }
      }),
    );
  }

  /** Stops sampling; the peaks in MB over all processes (null when none could be read). */
  async stop(): Promise<PeakMemory> {
    if (!this.stopped) {
      for (const timer of this.timers) clearInterval(timer);
      if (this.peakCounterReset) this.sample("VmHWM");
      await this.sampleHeap();
      this.stopped = true;
    }
    return { rssMb: this.peakKb ? this.peakKb / 1024 : null, heapMb: this.peakHeapBytes ? this.peakHeapBytes / 2 ** 20 : null };
  }
}
