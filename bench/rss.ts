/**
 * Peak resident memory of worker processes, from /proc (Linux). `tsx workers/main.ts` runs the
 * worker in a child node process, so the process measured is the leaf of the spawned tree.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** The deepest descendant of `pid` (the process doing the work), or `pid` itself. */
export function leafProcess(pid: number): number {
  const children = childrenOf(pid);
  return children.length ? leafProcess(children[children.length - 1]!) : pid;
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

/** Samples VmRSS and reads VmHWM (reset at start where the kernel allows) of some processes. */
export class PeakRssTracker {
  private peakKb = 0;
  private peakCounterReset = true;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: number[], intervalMs = 100) {
    // "5" resets the peak-RSS counter (proc(5), clear_refs), so VmHWM covers only this scenario.
    for (const pid of pids) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        // Not allowed here: VmHWM would include earlier scenarios; the samples still catch the peak.
        this.peakCounterReset = false;
      }
    }
    this.timer = setInterval(() => this.sample("VmRSS"), intervalMs);
    this.timer.unref();
  }

  private sample(field: "VmRSS" | "VmHWM"): void {
    for (const pid of this.pids) this.peakKb = Math.max(this.peakKb, statusKb(pid, field) ?? 0);
  }

  /** Stops sampling; the peak in MB over all processes (null when none could be read). */
  stop(): number | null {
    clearInterval(this.timer);
    if (this.peakCounterReset) this.sample("VmHWM");
    return this.peakKb ? this.peakKb / 1024 : null;
  }
}
