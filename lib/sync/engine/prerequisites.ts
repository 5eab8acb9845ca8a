/**
 * Prerequisites: named checks a module needs to pass for a tenant before it may run. The scheduler
 * skips a tenant module while one fails (checking every tenant in one query per check), a run that
 * starts anyway stops with the check's error code and reason, and the dashboard shows them.
 *
 * Switching a module on asks for more (switchOnPrerequisites): its run checks, both connections
 * tested OK, a dry run of the module seen, and the module's own `switchOn` checks. Those extra ones
 * gate the switch only, never a run, so a module that is on keeps running when, say, a connection
 * test later fails for a moment.
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
  /**
   * A dry run goes ahead without it: what the dry run shows is how to meet it (e.g. every product
   * failing for want of a tax mapping). Checks a dry run cannot do without (connections, where
   * order export starts) leave this unset.
   */
  notForDryRuns?: true;
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

/** Both connections have been tested (or used by a run) successfully, and the last check was OK. */
export const connectionsTested: Prerequisite = {
  id: "connections-tested",
  description: "Both connections answered their last test.",
  code: "SETUP_INCOMPLETE",
  async unmetFor(tenantIds) {
    const unmet = new Map<string, string>();
    if (!tenantIds.length) return unmet;
    const rows = await db.connection.findMany({ where: { tenantId: { in: [...tenantIds] }, status: "OK" }, select: { tenantId: true, kind: true } });
    const ok = new Set(rows.map((row) => `${row.tenantId}:${row.kind}`));
    const kinds = Object.keys(CONNECTION_LABELS) as ConnectionKind[];
    for (const tenantId of tenantIds) {
      const untested = kinds.filter((kind) => !ok.has(`${tenantId}:${kind}`)).map((kind) => CONNECTION_LABELS[kind]);
      if (untested.length)
        unmet.set(
          tenantId,
          `Test the ${untested.join(" and ")} connection${untested.length > 1 ? "s" : ""} under Connections: ${untested.length > 1 ? "they have" : "it has"} not answered a test yet.`,
        );
    }
    return unmet;
  },
};

/** A dry run of the module has finished (SUCCEEDED or PARTIAL), so the tenant has seen what the module would do. */
export function dryRunReviewed(module: { id: string; label: string }): Prerequisite {
  return {
    id: `dry-run-reviewed:${module.id}`,
    description: `A dry run of ${module.label} has shown what it would do.`,
    code: "SETUP_INCOMPLETE",
    async unmetFor(tenantIds) {
      const unmet = new Map<string, string>();
      if (!tenantIds.length) return unmet;
      const rows = await db.syncRun.groupBy({
        by: ["tenantId"],
        where: { tenantId: { in: [...tenantIds] }, module: module.id, dryRun: true, status: { in: ["SUCCEEDED", "PARTIAL"] } },
        _count: { _all: true },
      });
      const reviewed = new Set(rows.map((row) => row.tenantId));
      for (const tenantId of tenantIds) {
        if (!reviewed.has(tenantId)) unmet.set(tenantId, `Do a dry run of ${module.label} first and read what it would do.`);
      }
      return unmet;
    },
  };
}

/** What must hold to switch a module on: its run checks, tested connections, a dry run seen, and its own extra checks. */
export function switchOnPrerequisites(module: {
  id: string;
  label: string;
  prerequisites: readonly Prerequisite[];
  switchOn?: readonly Prerequisite[];
}): Prerequisite[] {
  return [...module.prerequisites, connectionsTested, ...(module.switchOn ?? []), dryRunReviewed(module)];
}

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

/** Throws the first failing check's error, naming the reason. A dry run skips the checks it shows the way to. */
export async function assertPrerequisites(prerequisites: readonly Prerequisite[], tenantId: string, options: { dryRun?: boolean } = {}): Promise<void> {
  for (const prerequisite of prerequisites) {
    if (options.dryRun && prerequisite.notForDryRuns) continue;
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
