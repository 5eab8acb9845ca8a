/**
 * Product import (Visma.net inventory → CS-Cart products), incremental by lastModifiedDateTime in
 * pages of 1000, mapped with the tenant's mapping. Unchanged items (same payload hash) are not
 * written; a picture is sent only when it changed (sending one replaces the shop's picture).
 * Checkpoint ledger: an update is idempotent, and a create happens only when neither the ledger
 * nor the shop (by product code) knows the product.
 */
import type { CsCartProductPayload } from "../../../integrations/cscart/schemas";
import type { VismaInventoryItem } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { env } from "../../../env";
import { signedImageUrl } from "../../../images/signed-image-url";
import { logLine } from "../../../logs/log-line";
import { getActiveProductMapping } from "../../../mappings/get-active-mapping";
import { passStartCursor } from "../../engine/cursor";
import { defineSyncModule, type PlannedWrite } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { unlessNotFound } from "../../engine/unless-not-found";
import { mapInventoryItemToProduct } from "../../transform";
import { productKey, shopIdOrThrow, shopProductIds, type ShopIdResult } from "../shop-id-lookup";

export const productImport = defineSyncModule({
  id: "PRODUCT_IMPORT",
  slug: "product-import",
  label: "Product import",
  recordName: "product",
  color: "#0d9488",
  queue: "sync-product-import",
  defaultSchedule: { enabled: true, intervalMinutes: 60 },
  cursor: passStartCursor<VismaInventoryItem>({ overlapMs: 5 * 60_000 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady],
  vismaScopes: ["vismanet_erp_service_api:read"],
  ledger: { mode: "checkpoint" },
  concurrency: () => env().IMPORT_CONCURRENCY,
  reimport: true,
  steps: {
    async open(ctx, { httpAttempts }) {
      const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: httpAttempts });
      const active = await getActiveProductMapping(ctx.tenantId);
      ctx.log.info(active.version === null ? logLine("defaultProductMapping", {}) : logLine("productMapping", { version: active.version }));
      return { ctx, cscart, visma, mapping: active.config, shopIds: shopProductIds(cscart), targetIds: new Map<string, ShopIdResult>() };
    },
    // Item changes and picture changes: a new picture does not move the item's lastModifiedDateTime.
    read: (run, since) => run.visma.listInventoryChangePages(since),
    readOne: (run, inventoryNumber) => unlessNotFound(run.visma.getInventoryItem(inventoryNumber)),
    externalIdOf: (item) => item.inventoryNumber,
    async preparePage(run, items, ledger) {
      const unknown = items.map((item) => item.inventoryNumber).filter((code) => !ledger.get(code)?.targetId);
      for (const [code, result] of await run.shopIds.lookup(unknown)) run.targetIds.set(code, result);
    },
    async map(run, item, previous, { force }) {
      const previousImageKey = (previous?.meta as { imageKey?: string } | null)?.imageKey ?? null;
      // Stock comes from the warehouses chosen in Settings, for product import and stock sync alike.
      const mapped = mapInventoryItemToProduct(item, run.mapping, {
        warehouses: run.ctx.settings.stockWarehouses,
        previousImageKey: force ? null : previousImageKey,
        imageUrlFor: (image) => signedImageUrl({ tenantId: run.ctx.tenantId, attachmentId: image.attachmentId, name: image.name }),
      });
      // An ambiguous or failed lookup throws here: never a create without proof that the product is absent.
      const productId = previous?.targetId ?? shopIdOrThrow(run.targetIds.get(item.inventoryNumber), productKey(item.inventoryNumber));
      if (!force && productId && previous?.state === "DONE" && previous.payloadHash === mapped.payloadHash) return { action: "skip", reason: "unchanged" };
      const payload: ProductWrite = { productId, product: mapped.payload, imageKey: mapped.imageKey };
      return productId
        ? { action: "update", target: `CS-Cart product ${productId}`, payload, payloadHash: mapped.payloadHash }
        : { action: "create", target: "a new CS-Cart product", payload, payloadHash: mapped.payloadHash };
    },
    async write(run, { payload }: PlannedWrite<ProductWrite>, item) {
      const meta = { imageKey: payload.imageKey };
      if (payload.productId) {
        await run.cscart.updateProduct(payload.productId, payload.product);
        return { targetId: payload.productId, meta };
      }
      const created = await run.cscart.createProduct(payload.product);
      run.shopIds.remember(item.inventoryNumber, created.productId);
      return { targetId: created.productId, meta };
    },
  },
});

type ProductWrite = { productId: string | undefined; product: CsCartProductPayload; imageKey: string | null };
