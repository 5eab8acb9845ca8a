import { describe, expect, it } from "vitest";
import { formatNumber, formatResults, formatTable, scenarioCells, type ScenarioResult } from "./table";

const row: ScenarioResult = {
  id: "1",
  name: "Initial product import",
  records: 2000,
  wallSeconds: 12.5,
  recordsPerSecond: 160,
  calls: { cscart: 2010, visma: 3 },
  peakRssMb: 180.4,
  peakHeapMb: 61.2,
  needed: { cscart: 2008, visma: 2 },
  bound: { seconds: 9.4, limitedBy: "latency" },
  ratio: 0.752,
  throughput: true,
  legacy: { kind: "products", multiple: 1920 },
  notes: ["3 items failed"],
};

describe("table", () => {
  it("formats numbers with a dash for missing values and separators for big ones", () => {
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("–");
    expect(formatNumber(0.1234, 3)).toBe("0.123");
    expect(formatNumber(12345.6)).toBe("12,346");
  });

  it("renders one row per scenario with calls per record and the legacy multiple", () => {
    expect(scenarioCells(row)).toEqual([
      "1",
      "Initial product import",
      "2000",
      "12.50",
      "160.0",
      "1.005",
      "0.002",
      "180",
      "61",
      "9.40",
      "0.75",
      "×1,920 products",
    ]);
    expect(scenarioCells({ ...row, records: 0, bound: null, ratio: 0.1, throughput: false, legacy: null })).toEqual([
      "1",
      "Initial product import",
      "0",
      "12.50",
      "160.0",
      "–",
      "–",
      "180",
      "61",
      "–",
      "0.10*",
      "–",
    ]);
  });

  it("pads text left-aligned and numbers right-aligned", () => {
    const text = formatTable(
      ["#", "name", "n"],
      [
        ["1", "a", "10"],
        ["2", "bbb", "7"],
      ],
    );
    expect(text.split("\n")).toEqual(["# | name |  n", "--|------|---", "1 | a    | 10", "2 | bbb  |  7"]);
  });

  it("lists notes and targets under the table", () => {
    const text = formatResults(
      [row],
      [
        { target: "ratio ≥ 0.7", value: "0.75", met: true },
        { target: "p95", value: "n/a", met: null },
      ],
    );
    expect(text).toContain("  1: 3 items failed");
    expect(text).toContain("[met] ratio ≥ 0.7: 0.75");
    expect(text).toContain("[n/a] p95: n/a");
  });
});
