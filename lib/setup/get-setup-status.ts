/**
 * The setup checklist, computed from what is stored (nothing is ticked by hand), so "set up" can
 * always be explained step by step:
 *  1. CS-Cart connected: the connection is saved and its last test (or run) was OK;
 *  2. Visma.net connected: the same, and the defaults for new customers exist in the company;
 *  3. where order export starts is chosen;
 *  4. taxes and categories mapped (lib/mappings/mapping-gaps.ts, with the VAT codes in use when the
 *     pick-lists have read them);
 *  5. a dry run has been seen: at least one module's dry run finished;
 *  6. at least one module is on.
 * The tenant is set up when all six hold. Each module also reports its last dry run, whether it is
 * on, and its switch-on checks (what the checklist's "Turn on" buttons need).
 */
import { db } from "../db";
import { getActiveMapping } from "../mappings/get-active-mapping";
import { mappingGapList } from "../mappings/mapping-gaps";
import { getConnectionHealth } from "../overview/connection-health";
import { pickListIds } from "../pick-lists/get-pick-lists";
import { debtorDefaultProblems, DEBTOR_DEFAULT_FIELDS } from "../settings/debtor-defaults-check";
import { getSettings } from "../settings/get-settings";
import { describeOrderExportStart, type OrderExportStart } from "../settings/order-export-start";
import { switchOnChecks } from "../settings/switch-module";
import { SYNC_MODULES, type ModuleId } from "../sync/modules";

export const SETUP_STEPS = ["cscart", "visma", "orderStart", "mapping", "dryRun", "modules"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];
/**
 * A step: done or not, what is there or what to do in English (`detail`, for the CLI), and the same
 * for the dashboard as a message key under setup.details with its values (`text`), so each reader
 * gets their own language (docs/i18n.md). Dates travel as ISO text, modules as ids, errors as
 * code + message + params: the browser words and formats them.
 */
export type StepText = {
  key: string;
  values?: Record<string, string | number>;
  when?: string;
  modules?: string[];
  /** Settings fields (debtorPaymentTerms …) the step is about. */
  fields?: string[];
  error?: { code: string | null; message: string; params: unknown };
};
export type SetupStep = { id: SetupStepId; done: boolean; detail: string; text: StepText; href: string };

async function lastDryRuns(tenantId: string) {
  const runs = await Promise.all(
    SYNC_MODULES.ids.map((module) =>
      db.syncRun.findFirst({
        where: { tenantId, module, dryRun: true },
        orderBy: { queuedAt: "desc" },
        select: { id: true, status: true, finishedAt: true, created: true, updated: true, skipped: true, failed: true, error: true },
      }),
    ),
  );
  return new Map(SYNC_MODULES.ids.map((module, index) => [module, runs[index] ?? null]));
}

function connectionStep(id: "cscart" | "visma", health: Awaited<ReturnType<typeof getConnectionHealth>>[number], label: string, href: string): SetupStep {
  const who = { who: label };
  if (!health.configured) return { id, done: false, detail: `Fill in the ${label} connection and test it.`, text: { key: "missing", values: who }, href };
  if (health.status === "FAILING") {
    const error = { code: health.lastErrorCode ?? null, message: health.lastError ?? "no reason given", params: health.lastErrorParams ?? null };
    return { id, done: false, detail: `The last test failed: ${error.message}`, text: { key: "failing", error }, href };
  }
  if (health.status !== "OK") return { id, done: false, detail: `Saved, not tested yet: press "Test connection".`, text: { key: "untested" }, href };
  const when = health.lastCheckedAt?.toISOString();
  return {
    id,
    done: true,
    detail: `Connected (last checked ${when?.slice(0, 16).replace("T", " ")} UTC).`,
    text: { key: "connected", ...(when ? { when } : {}) },
    href,
  };
}

/** The start point as a message under orderStart.describe (the browser words it too: order-export-start.ts). */
function orderStartText(start: OrderExportStart | null): StepText {
  if (!start) return { key: "none" };
  if (start.kind === "afterOrder") return start.afterOrderId === 0 ? { key: "everyOrder" } : { key: "afterOrder", values: { orderId: start.afterOrderId } };
  if (start.kind === "fromDate") return { key: "fromDate", values: { date: start.placedFrom.slice(0, 10) } };
  return start.afterOrderId !== null
    ? { key: "newOrders", values: { orderId: start.afterOrderId }, when: start.chosenAt }
    : { key: "newOrdersByTime", when: start.placedFrom };
}

export async function getSetupStatus(tenantId: string, tenantSlug: string) {
  const base = `/${tenantSlug}`;
  const [connections, settings, mapping, vatCodesInUse, dryRuns] = await Promise.all([
    getConnectionHealth(tenantId),
    getSettings(tenantId),
    getActiveMapping(tenantId, "product"),
    pickListIds(tenantId, "visma.vatCodesInUse"),
    lastDryRuns(tenantId),
  ]);
  const modules = await Promise.all(
    SYNC_MODULES.ids.map(async (module: ModuleId) => ({
      module,
      enabled: settings.schedules[module].enabled,
      lastDryRun: dryRuns.get(module) ?? null,
      switchOnChecks: await switchOnChecks(tenantId, module),
    })),
  );

  const cscart = connectionStep(
    "cscart",
    connections.find((connection) => connection.kind === "CSCART")!,
    "CS-Cart",
    `${base}/connections`,
  );
  let visma = connectionStep(
    "visma",
    connections.find((connection) => connection.kind === "VISMA")!,
    "Visma.net",
    `${base}/connections`,
  );
  if (visma.done) {
    const current = Object.fromEntries(DEBTOR_DEFAULT_FIELDS.map((field) => [field, settings[field]])) as Record<
      (typeof DEBTOR_DEFAULT_FIELDS)[number],
      string
    >;
    const checkedCurrent = DEBTOR_DEFAULT_FIELDS.every((field) => settings.debtorDefaultsCheck?.fields[field]?.value === current[field].trim());
    const problems = debtorDefaultProblems(settings.debtorDefaultsCheck, current);
    if (Object.keys(problems).length) {
      visma = {
        ...visma,
        done: false,
        detail: `The defaults for new customers need attention: ${Object.values(problems)
          .map((finding) => finding.message)
          .join(" ")}`,
        text: { key: "debtorProblems", fields: Object.keys(problems) },
        href: `${base}/settings`,
      };
    } else if (!checkedCurrent) {
      visma = {
        ...visma,
        done: false,
        detail: "Test the Visma.net connection again: it checks the defaults for new customers against the company.",
        text: { key: "debtorUnchecked" },
      };
    }
  }
  const gaps = mappingGapList(mapping, { vatCodes: vatCodesInUse ?? [] });
  const dryRunsSeen = modules.filter((module) => module.lastDryRun && ["SUCCEEDED", "PARTIAL"].includes(module.lastDryRun.status));
  const on = modules.filter((module) => module.enabled);
  const label = (module: ModuleId) => SYNC_MODULES.get(module).label;

  const steps: SetupStep[] = [
    cscart,
    visma,
    {
      id: "orderStart",
      done: settings.orderExportStart !== null,
      detail: describeOrderExportStart(settings.orderExportStart),
      text: orderStartText(settings.orderExportStart),
      href: `${base}/settings#order-start`,
    },
    {
      id: "mapping",
      done: gaps.length === 0,
      detail: gaps.length
        ? gaps.map((gap) => gap.english).join(" ")
        : `Product mapping version ${mapping.version} maps the taxes and categories${vatCodesInUse ? ", including every VAT code your items use" : ""}.`,
      // The first open point; the mapping page shows the rest.
      text: gaps[0]?.text ?? { key: vatCodesInUse ? "mappingOkInUse" : "mappingOk", values: { version: mapping.version ?? 0 } },
      href: `${base}/mappings`,
    },
    {
      id: "dryRun",
      done: dryRunsSeen.length > 0,
      detail: dryRunsSeen.length
        ? `Dry run done for ${dryRunsSeen.map((module) => label(module.module)).join(", ")}.`
        : "Run a dry run of a module and read what it would do: nothing is written.",
      text: dryRunsSeen.length ? { key: "dryRunDone", modules: dryRunsSeen.map((module) => module.module) } : { key: "dryRunNone" },
      href: `${base}#dry-run`,
    },
    {
      id: "modules",
      done: on.length > 0,
      detail: on.length
        ? `On: ${on.map((module) => label(module.module)).join(", ")}.`
        : "Every module is off. Turn on the ones you want once their dry run looks right.",
      text: on.length ? { key: "modulesOn", modules: on.map((module) => module.module) } : { key: "modulesNone" },
      href: `${base}#modules`,
    },
  ];
  return { setUp: steps.every((step) => step.done), steps, modules };
}

export type SetupStatus = Awaited<ReturnType<typeof getSetupStatus>>;
