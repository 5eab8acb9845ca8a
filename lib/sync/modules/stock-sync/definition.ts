/**
 * Stock sync (Visma.net leads): shop `amount` = Visma.net availability in the tenant's chosen
 * warehouse(s). Incremental by availabilityLastModifiedDateTime, not the item's own modified date
 * (stock changes do not touch that). Only changed amounts are written; items the shop does not have
 * are left alone (product import creates them), so it never creates anything.
 */
import type { VismaInventoryItem } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { db } from "../../../db";
import { env } from "../../../env";
import { passStartCursor } from "../../engine/cursor";
import { defineSyncModule, recordWords, UNCHANGED, type PlannedWrite } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { unlessNotFound } from "../../engine/unless-not-found";
import { stockAmountFor } from "../../transform";
import { productImport } from "../product-import/definition";
import { productKey, shopIdOrThrow, shopProductIds, type ShopIdResult } from "../shop-id-lookup";

export const stockSync = defineSyncModule({
  id: "STOCK_SYNC",
  slug: "stock-sync",
  label: "Stock sync",
  recordName: "item",
  color: "#7c3aed",
  queue: "sync-stock",
  // Off for every new tenant: switched on once its setup holds (prerequisites.ts, switchOnPrerequisites).
  defaultSchedule: { enabled: false, intervalMinutes: 15 },
  cursor: passStartCursor<VismaInventoryItem>({ overlapMs: 5 * 60_000 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady],
  vismaScopes: ["vismanet_erp_service_api:read"],
  ledger: { mode: "checkpoint" },
  concurrency: () => env().IMPORT_CONCURRENCY,
  // Re-writes every amount whose availability changed since a date (the shop may have lost them).
  reimport: true,
  steps: {
    async open(ctx, { httpAttempts }) {
      const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: httpAttempts, module: ctx.module });
      return { ctx, cscart, visma, shopIds: shopProductIds(cscart), productIds: new Map<string, ShopIdResult>() };
    },
    read: (run, since) =>
      run.visma.listInventoryPages({ availabilityModifiedSince: since, condition: ">=", expandWarehouseDetail: true, expandAttachment: false }),
    readOne: (run, inventoryNumber) => unlessNotFound(run.visma.getInventoryItem(inventoryNumber, { warehouseDetail: true, attachment: false })),
    externalIdOf: (item) => item.inventoryNumber,
    async preparePage(run, items, ledger) {
      // The product import's ledger knows most shop ids already.
      const codes = items.map((item) => item.inventoryNumber);
      const imported = await db.syncItem.findMany({
        where: { tenantId: run.ctx.tenantId, module: productImport.id, externalId: { in: codes }, targetId: { not: null } },
        select: { externalId: true, targetId: true },
      });
      for (const row of imported) run.productIds.set(row.externalId, { kind: "found", id: row.targetId! });
      const unknown = codes.filter((code) => !run.productIds.has(code) && !ledger.get(code)?.targetId);
      for (const [code, result] of await run.shopIds.lookup(unknown)) run.productIds.set(code, result);
    },
    async map(run, item, previous, { force }) {
      const amount = stockAmountFor(item, run.ctx.settings.stockWarehouses);
      const payloadHash = `amount:${amount}`;
      const productId = previous?.targetId ?? shopIdOrThrow(run.productIds.get(item.inventoryNumber), productKey(item.inventoryNumber));
      if (!productId) return { action: "skip", reason: recordWords("notInShop", {}, "not in the shop (yet)") };
      if (!force && previous?.state === "DONE" && previous.payloadHash === payloadHash) return { action: "skip", reason: UNCHANGED };
      return {
        action: "update",
        target: recordWords("shopProduct", { productId }, `CS-Cart product ${productId}`),
        payload: { productId, amount },
        payloadHash,
      };
    },
    async write(run, { payload }: PlannedWrite<StockWrite>) {
      await run.cscart.updateProduct(payload.productId, { amount: payload.amount });
      return { targetId: payload.productId };
    },
  },
});

type StockWrite = { productId: string; amount: number };
