/**
 * Stock sync (Visma.net leads): shop `amount` = Visma.net availability in the tenant's chosen
 * warehouse(s). Incremental by availabilityLastModifiedDateTime, not the item's own modified date
 * (stock changes do not touch that). Only changed amounts are written; items the shop does not have
 * are left alone (product import creates them).
 */
import type { VismaInventoryItem } from "../../integrations/visma/schemas";
import { loadConnectors } from "../../connections/load-connectors";
import { db } from "../../db";
import { WarehouseSelectionSchema } from "../../settings/defaults";
import { importConcurrency, runIncrementalImport, unlessNotFound } from "../engine/incremental-import";
import type { SyncRunContext } from "../engine/run-context";
import { stockAmountFor } from "../transform";
import { productKey, shopIdOrThrow, shopProductIds, type ShopIdResult } from "./shop-id-lookup";

export async function syncStock(ctx: SyncRunContext): Promise<void> {
  const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter });
  const warehouses = WarehouseSelectionSchema.parse(ctx.settings.stockWarehouses);
  const shopIds = shopProductIds(cscart);
  const productIds = new Map<string, ShopIdResult>();

  await runIncrementalImport<VismaInventoryItem>(ctx, {
    module: "STOCK_SYNC",
    stream: "STOCK_SYNC",
    concurrency: importConcurrency(),
    pages: (since) => visma.listInventoryPages({ availabilityModifiedSince: since, condition: ">=", expandWarehouseDetail: true, expandAttachment: false }),
    fetchOne: (inventoryNumber) => unlessNotFound(visma.getInventoryItem(inventoryNumber, { warehouseDetail: true, attachment: false })),
    externalIdOf: (item) => item.inventoryNumber,
    preparePage: async (items, ledger) => {
      // The product import's ledger knows most shop ids already.
      const codes = items.map((item) => item.inventoryNumber);
      const imported = await db.syncItem.findMany({
        where: { tenantId: ctx.tenantId, module: "PRODUCT_IMPORT", externalId: { in: codes }, targetId: { not: null } },
        select: { externalId: true, targetId: true },
      });
      for (const row of imported) productIds.set(row.externalId, { kind: "found", id: row.targetId! });
      const unknown = codes.filter((code) => !productIds.has(code) && !ledger.get(code)?.targetId);
      for (const [code, result] of await shopIds.lookup(unknown)) productIds.set(code, result);
    },
    write: async (item, previous, force) => {
      const amount = stockAmountFor(item, warehouses);
      const payloadHash = `amount:${amount}`;
      const productId = previous?.targetId ?? shopIdOrThrow(productIds.get(item.inventoryNumber), productKey(item.inventoryNumber));
      if (!productId) return { outcome: "skipped" }; // not in the shop (yet)
      if (!force && previous?.state === "DONE" && previous.payloadHash === payloadHash) return { outcome: "skipped" };
      await cscart.updateProduct(productId, { amount });
      return { outcome: "updated", targetId: productId, payloadHash };
    },
  });
}
