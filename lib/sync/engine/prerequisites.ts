/**
 * Prerequisites: named checks a module needs to pass for a tenant before it may run. The scheduler
 * skips a tenant module while one fails (checking every tenant in one query per check), a run that
 * starts anyway stops with the check's error code and reason, and the dashboard can show them
 * (e.g. refuse to switch a module on while one fails).
 *
 * To add one: write a Prerequisite here (or beside its module) and list it in the module's
 * definition. `unmetFor` must answer for many tenants at once.
 */
import { db, type ConnectionKind } from "../../db";
import { AppError, type ErrorCode, type ErrorParams } from "../../errors";
import { CONNECTION_LABELS } from "../../labels";

export type Prerequisite = {
  /** Stable name, e.g. "connections-ready". */
  id: string;
  /** What must be true, in the shop owner's words. */
  description: string;
  /** The error a run gets when it starts while the check fails. */
  code: ErrorCode;
  /** The tenants (of those given) for which the check fails, with the reason for each. */
  unmetFor(tenantIds: readonly string[]): Promise<Map<string, string>>;
  /** The params that word a reason in the reader's language (errors.<code>); without them the reason shows in English. */
  reasonParams?(reason: string): ErrorParams | undefined;
};

export type PrerequisiteStatus = { id: string; description: string; met: boolean; reason: string | null };

/** Both connections have credentials saved. */
export const connectionsReady: Prerequisite = {
  id: "connections-ready",
  description: "The CS-Cart and Visma.net connections are set up.",
  code: "CONNECTION_MISSING",
  async unmetFor(tenantIds) {
    const unmet = new Map<string, string>();
    if (!tenantIds.length) return unmet;
    const kinds = Object.keys(CONNECTION_LABELS) as ConnectionKind[];
    // Only the tenants that lack one come back: the tick asks this for thousands at once.
    const rows = await db.$queryRaw<{ tenantId: string; missing: ConnectionKind[] }[]>`
      select t.id as "tenantId", array_agg(k.kind::text order by k.kind) as missing
      from unnest(${[...tenantIds]}::uuid[]) as t(id)
      cross join unnest(${kinds}::text[]) as k(kind)
      where not exists (select 1 from "Connection" c where c."tenantId" = t.id and c.kind::text = k.kind and c."encryptedSecret" is not null)
      group by t.id`;
    for (const row of rows) {
      unmet.set(row.tenantId, connectionsMissing(kinds.filter((kind) => row.missing.includes(kind))));
    }
    return unmet;
  },
  reasonParams(reason) {
    const kinds = Object.keys(CONNECTION_LABELS) as ConnectionKind[];
    const missing = [...kinds.map((kind) => [kind]), kinds].find((candidate) => connectionsMissing(candidate) === reason);
    return missing ? { kind: missing.length > 1 ? "both" : missing[0]! } : undefined;
  },
};

function connectionsMissing(kinds: ConnectionKind[]): string {
  return `The ${kinds.map((kind) => CONNECTION_LABELS[kind]).join(" and ")} connection${kinds.length > 1 ? "s are" : " is"} not set up yet: fill it in under Connections.`;
}

/** Each check's outcome for one tenant, in the module's order. */
export async function evaluatePrerequisites(prerequisites: readonly Prerequisite[], tenantId: string): Promise<PrerequisiteStatus[]> {
  return Promise.all(
    prerequisites.map(async (prerequisite) => {
      const reason = (await prerequisite.unmetFor([tenantId])).get(tenantId) ?? null;
      return { id: prerequisite.id, description: prerequisite.description, met: reason === null, reason };
    }),
  );
}

/** Throws the first failing check's error, naming the reason. */
export async function assertPrerequisites(prerequisites: readonly Prerequisite[], tenantId: string): Promise<void> {
  for (const prerequisite of prerequisites) {
    const reason = (await prerequisite.unmetFor([tenantId])).get(tenantId);
    if (reason !== undefined) throw new AppError(prerequisite.code, reason, { params: prerequisite.reasonParams?.(reason) });
  }
}

/** For many tenants and modules at once: each distinct check runs one query for all tenants. */
export async function unmetPrerequisites(prerequisites: readonly Prerequisite[], tenantIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const byId = new Map(prerequisites.map((prerequisite) => [prerequisite.id, prerequisite]));
  const results = await Promise.all([...byId.values()].map(async (prerequisite) => [prerequisite.id, await prerequisite.unmetFor(tenantIds)] as const));
  return new Map(results);
}
