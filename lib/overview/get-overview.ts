/** What the overview page shows: connection health, each module's last run, failing records, workers. */
import { db } from "../db";
import { SYNC_MODULES } from "../settings/defaults";

export async function getOverview(tenantId: string) {
  const [connections, lastRuns, failing, workers] = await Promise.all([
    db.connection.findMany({
      where: { tenantId },
      select: { kind: true, status: true, lastCheckedAt: true, lastError: true, encryptedSecret: true },
    }),
    Promise.all(
      SYNC_MODULES.map((module) =>
        db.syncRun.findFirst({ where: { tenantId, module }, orderBy: { queuedAt: "desc" } }),
      ),
    ),
    db.syncItem.groupBy({ by: ["module"], where: { tenantId, state: "FAILED" }, _count: { _all: true } }),
    db.workerHeartbeat.findMany({ where: { lastSeenAt: { gte: new Date(Date.now() - 60_000) } }, select: { workerId: true, lastSeenAt: true } }),
  ]);
  const failingByModule = new Map(failing.map((row) => [row.module, row._count._all]));
  return {
    connections: (["CSCART", "VISMA"] as const).map((kind) => {
      const connection = connections.find((c) => c.kind === kind);
      return {
        kind,
        configured: Boolean(connection?.encryptedSecret),
        status: connection?.status ?? "UNTESTED",
        lastCheckedAt: connection?.lastCheckedAt ?? null,
        lastError: connection?.lastError ?? null,
      };
    }),
    modules: SYNC_MODULES.map((module, index) => ({
      module,
      lastRun: lastRuns[index] ?? null,
      failingRecords: failingByModule.get(module) ?? 0,
    })),
    workersOnline: workers.length,
  };
}
