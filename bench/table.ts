/** The printed result: one row per scenario, then the targets with met / not met. */
import type { Bound, CallSplit, LegacyKind } from "./bound";

export type ScenarioResult = {
  id: string;
  name: string;
  records: number;
  wallSeconds: number;
  recordsPerSecond: number;
  /** Calls actually made, per remote (null where the scenario makes none, e.g. the dashboard). */
  calls: CallSplit | null;
  /** Peak resident memory of the Node.js worker process(es) during the scenario (8x: the web server's). */
  peakRssMb: number | null;
  /** Peak V8 heap used in the worker process(es), from their metrics (null where not measured). */
  peakHeapMb: number | null;
  /** Calls the job needs (the bound's input) and the bound itself; null where a bound makes no sense. */
  needed: CallSplit | null;
  bound: Bound | null;
  ratio: number | null;
  /** Whether the ≥ 0.7 ratio target applies (a run big enough that fixed costs do not dominate). */
  throughput: boolean;
  legacy: { kind: LegacyKind; multiple: number } | null;
  /** Anything else worth keeping (429s, spread, latencies); shown under the table. */
  notes: string[];
  details?: Record<string, unknown>;
};

export type TargetCheck = { target: string; value: string; met: boolean | null };

export const COLUMNS = [
  "#",
  "scenario",
  "records",
  "wall s",
  "rec/s",
  "CS-Cart/rec",
  "Visma/rec",
  "peak RSS MB",
  "heap MB",
  "bound s",
  "ratio",
  "vs legacy",
] as const;

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(digits);
}

export function scenarioCells(row: ScenarioResult): string[] {
  const perRecord = (calls: number | undefined) => (row.records > 0 && calls !== undefined ? formatNumber(calls / row.records, 3) : "–");
  return [
    row.id,
    row.name,
    String(row.records),
    formatNumber(row.wallSeconds, 2),
    formatNumber(row.recordsPerSecond),
    perRecord(row.calls?.cscart),
    perRecord(row.calls?.visma),
    formatNumber(row.peakRssMb, 0),
    formatNumber(row.peakHeapMb, 0),
    row.bound ? `${formatNumber(row.bound.seconds, 2)}${{ latency: "", "rate limit": " (rate)", capacity: " (cap)" }[row.bound.limitedBy]}` : "–",
    row.ratio === null ? "–" : `${formatNumber(row.ratio, 2)}${row.throughput ? "" : "*"}`,
    row.legacy ? `×${formatNumber(row.legacy.multiple, 0)} ${row.legacy.kind}` : "–",
  ];
}

/** A plain-text table: the columns in `leftAligned` (text) padded right, the rest (numbers) padded left. */
export function formatTable(header: readonly string[], rows: string[][], leftAligned: ReadonlySet<number> = new Set([1])): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (leftAligned.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join(" | ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("-|-"), ...rows.map(line)].join("\n");
}

export function formatResults(results: ScenarioResult[], targets: TargetCheck[]): string {
  const table = formatTable(COLUMNS, results.map(scenarioCells));
  const notes = results.flatMap((row) => row.notes.map((note) => `  ${row.id}: ${note}`));
  const checks = targets.map((check) => `  [${check.met === null ? "n/a" : check.met ? "met" : "NOT MET"}] ${check.target}: ${check.value}`);
  const informational = results.some((row) => row.ratio !== null && !row.throughput);
  return [
    table,
    ...(informational ? ["  * ratio for information only: not a throughput run (small, or fixed costs such as job pickup dominate)."] : []),
    ...(notes.length ? ["", "Notes:", ...notes] : []),
    "",
    "Targets:",
    ...checks,
  ].join("\n");
}
