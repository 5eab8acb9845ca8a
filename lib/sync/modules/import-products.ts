/**
 * Product import (Visma.net inventory → CS-Cart products), incremental by lastModifiedDateTime in
 * pages of 1000, mapped with the tenant's mapping. Unchanged items (same payload hash) are not
 * written; a picture is sent only when it changed (sending one replaces the shop's picture).
 */
import type { VismaInventoryItem } from "../../integrations/visma/schemas";
import { loadConnectors } from "../../connections/load-connectors";
import { signedImageUrl } from "../../images/signed-image-url";
import { getActiveProductMapping } from "../../mappings/get-active-mapping";
import { WarehouseSelectionSchema } from "../../settings/defaults";
import { importConcurrency, runIncrementalImport, unlessNotFound } from "../engine/incremental-import";
import type { SyncRunContext } from "../engine/run-context";
import { mapInventoryItemToProduct } from "../transform";
import { productKey, shopIdOrThrow, shopProductIds, type ShopIdResult } from "./shop-id-lookup";

export async function importProducts(ctx: SyncRunContext): Promise<void> {
  const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter });
  const active = await getActiveProductMapping(ctx.tenantId);
  // Stock comes from the warehouses chosen in Settings, for product import and stock sync alike.
  const mapping = { ...active.config, warehouse: WarehouseSelectionSchema.parse(ctx.settings.stockWarehouses) };
  ctx.log.info(`Using product mapping ${active.version === null ? "(default)" : `version ${active.version}`}.`);
  const shopIds = shopProductIds(cscart);
  const targetIds = new Map<string, ShopIdResult>();

  await runIncrementalImport<VismaInventoryItem>(ctx, {
    module: "PRODUCT_IMPORT",
    stream: "PRODUCT_IMPORT",
    concurrency: importConcurrency(),
    // Item changes and picture changes: a new picture does not move the item's lastModifiedDateTime.
    pages: (since) => visma.listInventoryChangePages(since),
    fetchOne: (inventoryNumber) => unlessNotFound(visma.getInventoryItem(inventoryNumber)),
    externalIdOf: (item) => item.inventoryNumber,
    preparePage: async (items, ledger) => {
      const unknown = items.map((item) => item.inventoryNumber).filter((code) => !ledger.get(code)?.targetId);
      for (const [code, result] of await shopIds.lookup(unknown)) targetIds.set(code, result);
    },
    write: async (item, previous, force) => {
      const previousImageKey = (previous?.meta as { imageKey?: string } | null)?.imageKey ?? null;
      const mapped = mapInventoryItemToProduct(item, mapping, {
        previousImageKey: force ? null : previousImageKey,
        imageUrlFor: (image) => signedImageUrl({ tenantId: ctx.tenantId, attachmentId: image.attachmentId, name: image.name }),
      });
      // An ambiguous or failed lookup throws here: never a create without proof that the product is absent.
      const productId = previous?.targetId ?? shopIdOrThrow(targetIds.get(item.inventoryNumber), productKey(item.inventoryNumber));
      if (!force && productId && previous?.state === "DONE" && previous.payloadHash === mapped.payloadHash) return { outcome: "skipped" };
      const meta = { imageKey: mapped.imageKey };
      if (productId) {
        await cscart.updateProduct(productId, mapped.payload);
        return { outcome: "updated", targetId: productId, payloadHash: mapped.payloadHash, meta };
      }
      const created = await cscart.createProduct(mapped.payload);
      shopIds.remember(item.inventoryNumber, created.productId);
      return { outcome: "created", targetId: created.productId, payloadHash: mapped.payloadHash, meta };
    },
  });
}
