/**
 * Records that failed for a configuration reason wait for a fix, and are tried again by the next
 * run after the thing they wait for changed, without anyone pressing Retry.
 *
 * The error says what it waits for (`details.waitsFor`, one of the keys below); the ledger keeps it
 * on the row (`SyncItem.waitingFor`, FAILED rows only) with the failure time (`updatedAt`). At the
 * start of each run the engine asks, for the module's waiting rows, whether their key changed since
 * they failed:
 *  - "mapping:<module>": a mapping version of that module was saved after the failure;
 *  - "settings": the tenant's settings changed after the failure (shipping methods, defaults …);
 *  - "visma-item:<inventory number>", "cscart-category:<id>": the module says whether the remote
 *    record changed since (order export lists the Visma.net items changed since the oldest such
 *    failure; product import reads the shop's categories), once per run.
 * A row may wait for several keys (the mapping, or the category appearing in the shop): any one
 * changing lets it go.
 * A row whose key changed is read again and handled like a retried one; if it fails again, it
 * waits again, from the new failure time. Imports need no key for bad item data: a changed item is
 * read again by their cursor anyway.
 */
import { db } from "../../db";
import { splitWaitingKeys, WAITS_FOR_SETTINGS } from "./waiting-for-keys";

export {
  joinWaitingKeys,
  waitedForOf,
  WAITS_FOR_SETTINGS,
  waitsForMapping,
  waitsForShopCategory,
  waitsForVismaItem,
  type WaitingKey,
} from "./waiting-for-keys";

export type WaitingRow = { id: string; waitingFor: string; updatedAt: Date };

/**
 * The waiting rows whose key changed since each failed. `remoteChanges` answers for the keys only
 * the module can judge: given them and the oldest failure time, the keys whose record changed since.
 */
export async function rowsWhoseFixArrived(
  tenantId: string,
  rows: readonly WaitingRow[],
  remoteChanges?: (keys: string[], since: Date) => Promise<Set<string>>,
): Promise<WaitingRow[]> {
  if (!rows.length) return [];
  const keysOf = new Map(rows.map((row) => [row.id, splitWaitingKeys(row.waitingFor)]));
  const allKeys = [...new Set([...keysOf.values()].flat())];
  const mappingModules = allKeys.filter((key) => key.startsWith("mapping:")).map((key) => key.slice("mapping:".length));
  const remoteKeys = allKeys.filter((key) => !key.startsWith("mapping:") && key !== WAITS_FOR_SETTINGS);
  const [mappings, settings] = await Promise.all([
    mappingModules.length
      ? db.mapping.groupBy({ by: ["module"], where: { tenantId, module: { in: mappingModules } }, _max: { createdAt: true } })
      : Promise.resolve([]),
    allKeys.includes(WAITS_FOR_SETTINGS) ? db.settings.findUnique({ where: { tenantId }, select: { updatedAt: true } }) : Promise.resolve(null),
  ]);
  const changedAt = new Map<string, number>(mappings.map((row) => [`mapping:${row.module}`, row._max.createdAt?.getTime() ?? 0]));
  if (settings) changedAt.set(WAITS_FOR_SETTINGS, settings.updatedAt.getTime());
  const remoteRows = rows.filter((row) => keysOf.get(row.id)!.some((key) => remoteKeys.includes(key)));
  const remote =
    remoteKeys.length && remoteChanges
      ? await remoteChanges(remoteKeys, new Date(Math.min(...remoteRows.map((row) => row.updatedAt.getTime()))))
      : new Set<string>();
  return rows.filter((row) =>
    keysOf.get(row.id)!.some((key) => (remoteKeys.includes(key) ? remote.has(key) : (changedAt.get(key) ?? 0) > row.updatedAt.getTime())),
  );
}
