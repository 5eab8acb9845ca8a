import { describe, expect, it } from "vitest";
import { isSelected, parseBenchArgs } from "./config";

describe("parseBenchArgs", () => {
  it("runs the full sizes by default with 25 ms latency and the latency-bound scenarios' concurrency", () => {
    const config = parseBenchArgs([], {});
    expect(config).toMatchObject({
      mode: "full",
      products: 10_000,
      orders: 2_000,
      latencyMs: 25,
      importConcurrency: 8,
      orderExportConcurrency: 4,
      rateLimit: 600,
      rateWindowSeconds: 60,
    });
    expect(config).toMatchObject({ scaleTenants: 10_000, scaleHistoryRuns: 10_000_000, capacityChanges: [30, 60], writeBaseline: false, compare: false });
  });

  it("takes --baseline and --compare", () => {
    expect(parseBenchArgs(["--baseline"], {})).toMatchObject({ mode: "full", writeBaseline: true, compare: false });
    expect(parseBenchArgs(["--quick", "--compare"], {})).toMatchObject({ mode: "quick", writeBaseline: false, compare: true });
  });

  it("takes --quick, --only and the latency flags, and the engine's env knobs", () => {
    const config = parseBenchArgs(["--quick", "--only=1,6", "--latency-ms=50"], { IMPORT_CONCURRENCY: "16" });
    expect(config).toMatchObject({ mode: "quick", products: 2_000, only: ["1", "6"], latencyMs: 50, importConcurrency: 16 });
  });

  it("selects lettered scenarios by their number", () => {
    expect(isSelected({ only: [] }, "2b")).toBe(true);
    expect(isSelected({ only: ["2"] }, "2b")).toBe(true);
    expect(isSelected({ only: ["2a"] }, "2b")).toBe(false);
  });
});
