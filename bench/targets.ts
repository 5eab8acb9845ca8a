/** The issue's targets, checked against the scenario rows. null = the scenario did not run. */
import type { ScenarioResult, TargetCheck } from "./table";

const fixed = (value: number, digits = 2) => value.toFixed(digits);

export function checkTargets(rows: ScenarioResult[]): TargetCheck[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const row = (id: string) => byId.get(id);
  const checks: TargetCheck[] = [];

  const throughput = rows.filter((result) => result.throughput && result.ratio !== null);
  const below = throughput.filter((result) => result.ratio! < 0.7);
  checks.push({
    target: "ratio to the bound ≥ 0.7 in every throughput scenario",
    value: throughput.length ? throughput.map((result) => `${result.id} ${fixed(result.ratio!)}`).join(", ") : "not run",
    met: throughput.length ? below.length === 0 : null,
  });

  const existing = row("4b");
  checks.push({
    target: "Visma.net calls per exported order ≤ 1.2 when the customers exist",
    value: existing ? `${fixed((existing.calls?.visma ?? 0) / Math.max(1, existing.records), 3)} (4b)` : "not run",
    met: existing ? (existing.calls?.visma ?? 0) / Math.max(1, existing.records) <= 1.2 : null,
  });

  const initial = row("1");
  const perThousand = initial ? (1000 * (initial.calls?.visma ?? 0)) / Math.max(1, initial.records) : 0;
  checks.push({
    target: "Visma.net calls per 1,000 imported products ≤ 2",
    value: initial ? `${fixed(perThousand)} (1)` : "not run",
    met: initial ? perThousand <= 2 : null,
  });

  const unchanged = row("2b");
  const writes = Number(unchanged?.details?.cscartWrites ?? Number.NaN);
  checks.push({
    target: "zero CS-Cart writes in the no-change incremental run",
    value: unchanged ? `${writes} (2b)` : "not run",
    met: unchanged ? writes === 0 : null,
  });

  const rssRows = rows.filter((result) => ["1", "5a", "5b"].includes(result.id) && result.peakRssMb !== null);
  const peak = Math.max(...rssRows.map((result) => result.peakRssMb!));
  checks.push({
    target: "worker peak RSS < 300 MB with the products loaded (1, 5a, 5b)",
    value: rssRows.length ? `${fixed(peak, 0)} MB${initial && initial.records < 10_000 ? ` (at ${initial.records} products)` : ""}` : "not run",
    met: rssRows.length ? peak < 300 : null,
  });

  const limited = row("6");
  const proxy = limited?.details?.proxy as { calls: number; rateLimited: number } | undefined;
  const share429 = proxy ? proxy.rateLimited / Math.max(1, proxy.calls) : 0;
  checks.push({
    target: "rate-limited export: fewer than 1% of calls answered 429",
    value: proxy ? `${fixed(100 * share429)}% (6)` : "not run",
    met: proxy ? share429 < 0.01 : null,
  });
  checks.push({
    target: "rate-limited export: throughput ≥ 90% of the rate limit's bound",
    value: limited?.ratio != null ? `${fixed(100 * limited.ratio, 0)}% (6)` : "not run",
    met: limited?.ratio != null ? limited.ratio >= 0.9 : null,
  });

  checks.push(...capacityTargets(byId));

  const dashboard = rows.filter((result) => result.id.startsWith("8"));
  const p95s = dashboard.map((result) => Number((result.details as { p95Ms?: number } | undefined)?.p95Ms ?? Number.NaN)).filter(Number.isFinite);
  checks.push({
    target: "dashboard p95 < 300 ms at 1,000,000 log rows",
    value: p95s.length ? `worst p95 ${fixed(Math.max(...p95s), 0)} ms at ${String(dashboard[0]?.details?.logRows ?? "?")} log rows` : "not run",
    met: p95s.length ? Math.max(...p95s) < 300 : null,
  });
  return checks;
}

type CapacityDetails = {
  overload: { share: number; overloaded: number; answered: number };
  recoveries: { atSeconds: number; workers: number; seconds: number | null }[];
};

/** Scenarios 9–11: the remote's capacity used, its overload answers, recovery after a change, the tick and the dashboard at scale. */
function capacityTargets(byId: Map<string, ScenarioResult>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const capacityOf = (row: ScenarioResult) => row.details?.capacity as CapacityDetails | undefined;
  const ratioCheck = (target: string, ids: string[]) => {
    const found = ids.map((id) => byId.get(id)).filter((row): row is ScenarioResult => row?.ratio != null);
    checks.push({
      target,
      value: found.length ? found.map((row) => `${row.id} ${fixed(row.ratio!)}`).join(", ") : "not run",
      met: found.length ? found.every((row) => row.ratio! >= 0.85) : null,
    });
  };
  ratioCheck("shop-bound import uses ≥ 0.85 of the shop's capacity (k=4, k=16, halved and restored)", ["9a", "9b", "9c"]);
  ratioCheck("order export uses ≥ 0.85 of Visma.net's concurrency", ["10"]);

  const loaded = ["9a", "9b", "9c", "10"].map((id) => byId.get(id)).filter((row): row is ScenarioResult => Boolean(row && capacityOf(row)));
  checks.push({
    target: "fewer than 1% of requests answered 503 or timed out by a remote at capacity",
    value: loaded.length ? loaded.map((row) => `${row.id} ${fixed(100 * capacityOf(row)!.overload.share)}%`).join(", ") : "not run",
    met: loaded.length ? loaded.every((row) => capacityOf(row)!.overload.share < 0.01) : null,
  });

  const changed = byId.get("9c");
  const recoveries = changed ? (capacityOf(changed)?.recoveries ?? []) : [];
  checks.push({
    target: "back above 0.8 of the shop's capacity within 30 s of each change",
    value: recoveries.length
      ? recoveries.map((recovery) => `→${recovery.workers}: ${recovery.seconds === null ? "never" : `${fixed(recovery.seconds, 1)} s`}`).join(", ") + " (9c)"
      : "not run",
    met: recoveries.length ? recoveries.every((recovery) => recovery.seconds !== null && recovery.seconds <= 30) : null,
  });

  const tick = byId.get("11a")?.details?.tick as { p95Ms: number; ticks: number } | undefined;
  checks.push({
    target: "schedule tick p95 < 1 s at 10,000 tenants (enqueueing included)",
    value: tick ? `${fixed(tick.p95Ms, 0)} ms over ${tick.ticks} ticks (11a)` : "not run",
    met: tick ? tick.ticks > 0 && tick.p95Ms < 1000 : null,
  });
  const busyDashboard = byId.get("11c")?.details?.p95Ms as number | undefined;
  checks.push({
    target: "dashboard p95 < 300 ms for one tenant while 10,000 run",
    value: busyDashboard !== undefined ? `worst p95 ${fixed(busyDashboard, 0)} ms (11c)` : "not run",
    met: busyDashboard !== undefined ? busyDashboard < 300 : null,
  });
  return checks;
}
