/**
 * `--compare`: each scenario's figures beside the committed baseline's (bench/results/baseline.json,
 * a full-mode run with its machine and load). A quick run is smaller than the baseline's full one,
 * so rates and ratios compare; record counts and seconds do not.
 */
import { formatNumber, formatTable, type ScenarioResult, type TargetCheck } from "./table";

export type MachineDescription = {
  cpus: number;
  cpuModel?: string;
  memoryGb: number;
  node: string;
  /** 1-minute load average at the start, the end, and the highest sampled while it ran. */
  load?: { start: number; end: number; max: number };
  note?: string;
};

export type BenchResults = { finishedAt: string; config: { mode: string }; machine: MachineDescription; results: ScenarioResult[]; targets: TargetCheck[] };

/** The figure a row is best judged by: its p95 for dashboard rows, its ratio for throughput rows, else records per second. */
function headline(row: ScenarioResult): string {
  const p95 = (row.details as { p95Ms?: number } | undefined)?.p95Ms;
  if (typeof p95 === "number") return `p95 ${formatNumber(p95, 0)} ms`;
  const tick = (row.details as { tick?: { p95Ms: number } } | undefined)?.tick;
  if (tick) return `tick p95 ${formatNumber(tick.p95Ms, 0)} ms`;
  const pickup = (row.details as { pickup?: { p95Seconds: number } } | undefined)?.pickup;
  if (pickup) return `pickup p95 ${formatNumber(pickup.p95Seconds, 1)} s`;
  return row.ratio === null ? `${formatNumber(row.recordsPerSecond)} rec/s` : `ratio ${formatNumber(row.ratio, 2)}`;
}

export function describeMachine(machine: MachineDescription): string {
  const load = machine.load ? `, load ${machine.load.start.toFixed(1)} → ${machine.load.end.toFixed(1)} (max ${machine.load.max.toFixed(1)})` : "";
  return `${machine.cpus} × ${machine.cpuModel ?? "CPU"}, ${machine.memoryGb} GB, Node ${machine.node}${load}${machine.note ? `; ${machine.note}` : ""}`;
}

export function formatComparison(current: BenchResults, baseline: BenchResults): string {
  const base = new Map(baseline.results.map((row) => [row.id, row]));
  const rows = current.results.map((row) => {
    const before = base.get(row.id);
    return [
      row.id,
      row.name,
      formatNumber(row.recordsPerSecond),
      before ? formatNumber(before.recordsPerSecond) : "–",
      headline(row),
      before ? headline(before) : "–",
      formatNumber(row.peakRssMb, 0),
      before ? formatNumber(before.peakRssMb, 0) : "–",
    ];
  });
  const baseTargets = new Map(baseline.targets.map((check) => [check.target, check]));
  const verdict = (check: TargetCheck | undefined) => (!check || check.met === null ? "n/a" : check.met ? "met" : "NOT MET");
  return [
    `Compared with the baseline of ${baseline.finishedAt} (${baseline.config.mode} mode; ${describeMachine(baseline.machine)}):`,
    formatTable(["#", "scenario", "rec/s", "base rec/s", "figure", "base figure", "RSS MB", "base RSS MB"], rows),
    "",
    "Targets now / in the baseline:",
    ...current.targets.map(
      (check) =>
        `  [${verdict(check)} / ${verdict(baseTargets.get(check.target))}] ${check.target}: ${check.value}${baseTargets.get(check.target) ? ` (base: ${baseTargets.get(check.target)!.value})` : ""}`,
    ),
  ].join("\n");
}
