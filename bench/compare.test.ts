import { describe, expect, it } from "vitest";
import { describeMachine, formatComparison, type BenchResults } from "./compare";
import type { ScenarioResult } from "./table";

const row = (id: string, fields: Partial<ScenarioResult>): ScenarioResult => ({
  id,
  name: `scenario ${id}`,
  records: 100,
  wallSeconds: 10,
  recordsPerSecond: 10,
  calls: null,
  peakRssMb: 180,
  peakHeapMb: 60,
  needed: null,
  bound: null,
  ratio: null,
  throughput: false,
  legacy: null,
  notes: [],
  ...fields,
});
const machine = { cpus: 2, cpuModel: "Test CPU", memoryGb: 23, node: "v20.19.0", load: { start: 0.4, end: 1.2, max: 2.5 } };

describe("formatComparison", () => {
  it("puts each figure beside the baseline's, and each target's verdict beside the baseline's", () => {
    const baseline: BenchResults = {
      finishedAt: "2026-12-01T10:00:00.000Z",
      config: { mode: "full" },
      machine,
      results: [row("9a", { ratio: 0.93, recordsPerSecond: 11 }), row("8a", { details: { p95Ms: 120 } })],
      targets: [{ target: "shop capacity ≥ 0.85", value: "9a 0.93", met: true }],
    };
    const current: BenchResults = {
      finishedAt: "2026-12-02T10:00:00.000Z",
      config: { mode: "quick" },
      machine,
      results: [row("9a", { ratio: 0.81, recordsPerSecond: 9.5 }), row("8a", { details: { p95Ms: 140 } }), row("12", {})],
      targets: [{ target: "shop capacity ≥ 0.85", value: "9a 0.81", met: false }],
    };
    const text = formatComparison(current, baseline);
    expect(text).toContain("baseline of 2026-12-01T10:00:00.000Z (full mode; 2 × Test CPU, 23 GB, Node v20.19.0, load 0.4 → 1.2 (max 2.5))");
    expect(text).toMatch(/9a \| scenario 9a \|\s+9\.5 \|\s+11\.0 \|\s+ratio 0\.81 \|\s+ratio 0\.93/);
    expect(text).toMatch(/8a \| scenario 8a \|.*p95 140 ms \|\s+p95 120 ms/);
    expect(text).toMatch(/12 \| scenario 12 \|\s+10\.0 \|\s+– \|/);
    expect(text).toContain("[NOT MET / met] shop capacity ≥ 0.85: 9a 0.81 (base: 9a 0.93)");
  });

  it("describes the machine with its load", () => {
    expect(describeMachine({ cpus: 2, memoryGb: 8, node: "v20", note: "others' tests running" })).toBe("2 × CPU, 8 GB, Node v20; others' tests running");
  });
});
