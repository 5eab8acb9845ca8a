/**
 * "Refresh" next to a pick-list: reads the lists of one remote and keeps them for the tenant
 * (RemoteList), so the forms offer the remote's own values without calling it on every page view.
 * Each list is read on its own: one that fails keeps its last good items and says why. Calls are
 * interactive (a person waits) and read only.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { INTERACTIVE_LIMITS, loadCscartClient, loadVismaClient } from "../connections/load-connectors";
import { db, type Prisma } from "../db";
import { toAppError } from "../errors";
import type { CsCartClient } from "../integrations/cscart/client";
import { collectAll } from "../integrations/paging";
import type { VismaClient } from "../integrations/visma/client";
import { getPickLists } from "./get-pick-lists";
import { PICK_LIST_SOURCES, type PickListKind, type PickListSource, type PickOption } from "./pick-list-kinds";

/** At most this many inventory items are read to learn which values are in use (10 pages of 5000). */
export const MAX_ITEMS_SCANNED = 50_000;

const inactiveUnless = (status: string | null | undefined, active = "A") => (status && status !== active ? { inactive: true } : {});

function cscartReaders(cscart: CsCartClient): Record<string, () => Promise<PickOption[]>> {
  return {
    "cscart.taxes": async () =>
      (await cscart.listTaxes()).map((tax) => ({ id: tax.tax_id, label: tax.tax || `Tax ${tax.tax_id}`, ...inactiveUnless(tax.status) })),
    "cscart.categories": async () =>
      (await collectAll(cscart.listCategoryPages({ itemsPerPage: 250 }))).map((category) => ({
        id: category.category_id,
        label: category.category || `Category ${category.category_id}`,
        ...(category.parent_id && category.parent_id !== "0" ? { parentId: category.parent_id } : {}),
        ...inactiveUnless(category.status),
      })),
    "cscart.orderStatuses": async () => (await cscart.listOrderStatuses()).map((status) => ({ id: status.status, label: status.description || status.status })),
    "cscart.shippings": async () =>
      (await cscart.listShippings()).map((shipping) => ({
        id: shipping.shipping_id,
        label: shipping.shipping || `Shipping ${shipping.shipping_id}`,
        ...inactiveUnless(shipping.status),
      })),
  };
}

/** The values the company's items carry: VAT codes, types and item classes, with how many items carry each. */
async function valuesInUse(visma: VismaClient): Promise<Record<"visma.vatCodesInUse" | "visma.itemTypesInUse" | "visma.itemClassesInUse", PickOption[]>> {
  const tallies = { vat: new Map<string, PickOption>(), type: new Map<string, PickOption>(), itemClass: new Map<string, PickOption>() };
  const count = (tally: Map<string, PickOption>, id: string | null | undefined, label?: string | null) => {
    if (!id) return;
    const option = tally.get(id) ?? { id, label: label || id, count: 0 };
    option.count! += 1;
    tally.set(id, option);
  };
  let scanned = 0;
  for await (const page of visma.listInventoryPages({ expandWarehouseDetail: false, expandAttachment: false, pageSize: 5000 })) {
    for (const item of page.items) {
      count(tallies.vat, item.vatCode?.id, item.vatCode?.description);
      count(tallies.type, item.type);
      count(tallies.itemClass, item.itemClass?.id, item.itemClass?.description);
    }
    scanned += page.items.length;
    if (scanned >= MAX_ITEMS_SCANNED) break;
  }
  const sorted = (tally: Map<string, PickOption>) => [...tally.values()].sort((a, b) => b.count! - a.count! || a.id.localeCompare(b.id));
  return { "visma.vatCodesInUse": sorted(tallies.vat), "visma.itemTypesInUse": sorted(tallies.type), "visma.itemClassesInUse": sorted(tallies.itemClass) };
}

function vismaReaders(visma: VismaClient): Record<string, () => Promise<PickOption[] | Record<string, PickOption[]>>> {
  return {
    "visma.vatCategories": async () =>
      (await visma.listVatCategories()).map((category) => {
        const rates = (category.vatCategoryLines ?? [])
          .flatMap((line) => line.vatRates ?? [])
          .map((rate) => rate.vatRate)
          .filter((rate) => typeof rate === "number");
        const rateText = rates.length ? ` (${[...new Set(rates)].join(" %, ")} %)` : "";
        return {
          id: category.vatCategoryId,
          label: `${category.description || category.vatCategoryId}${rateText}`,
          ...(category.active === false ? { inactive: true } : {}),
        };
      }),
    "visma.warehouses": async () =>
      (await visma.listWarehouses()).map((warehouse) => ({
        id: warehouse.warehouseID,
        label: warehouse.description || warehouse.warehouseID,
        ...(warehouse.active === false ? { inactive: true } : {}),
      })),
    "visma.branches": async () =>
      (await visma.listBranches())
        .filter((branch) => branch.number)
        .map((branch) => ({ id: branch.number!, label: branch.name || branch.number!, ...(branch.isActive === false ? { inactive: true } : {}) })),
    "visma.creditTerms": async () =>
      (await visma.listCreditTerms())
        .filter((terms) => terms.termsId)
        // Customers can use terms visible to all (AL) or to customers (CU); VE is for suppliers, DS disabled.
        .map((terms) => ({
          id: terms.termsId!,
          label: terms.description || terms.termsId!,
          ...(terms.visibleTo === "VE" || terms.visibleTo === "DS" ? { inactive: true } : {}),
        })),
    valuesInUse: () => valuesInUse(visma),
  };
}

async function store(tenantId: string, kind: PickListKind, outcome: { items: PickOption[] } | { error: string }, now: Date): Promise<void> {
  if ("items" in outcome) {
    const data = { items: outcome.items as unknown as Prisma.InputJsonValue, fetchedAt: now, error: null };
    await db.remoteList.upsert({ where: { tenantId_kind: { tenantId, kind } }, create: { tenantId, kind, ...data }, update: data });
    return;
  }
  // A failed refresh keeps the last good items; it only says why this one failed.
  await db.remoteList.upsert({
    where: { tenantId_kind: { tenantId, kind } },
    create: { tenantId, kind, items: [], fetchedAt: now, error: outcome.error },
    update: { error: outcome.error },
  });
}

export async function refreshPickLists(actor: AuditActor, source: PickListSource, now = new Date()) {
  const tenantId = actor.tenant.id;
  const readers =
    source === "cscart"
      ? cscartReaders(await loadCscartClient(tenantId, INTERACTIVE_LIMITS))
      : vismaReaders(await loadVismaClient(tenantId, INTERACTIVE_LIMITS));
  const failed: string[] = [];
  for (const [name, read] of Object.entries(readers)) {
    // One reader may fill several lists (the values in use come from one read of the items).
    const kinds = name === "valuesInUse" ? PICK_LIST_SOURCES.visma.filter((kind) => kind.endsWith("InUse")) : [name as PickListKind];
    try {
      const result = await read();
      for (const kind of kinds) await store(tenantId, kind, { items: Array.isArray(result) ? result : result[kind]! }, now);
    } catch (caught) {
      const error = toAppError(caught).message;
      failed.push(...kinds);
      for (const kind of kinds) await store(tenantId, kind, { error }, now);
    }
  }
  await recordAudit(actor, "pick-lists.refresh", `pick-lists:${source}`, { failed });
  return getPickLists(tenantId);
}
