/**
 * Product import (Visma.net inventory → CS-Cart products), incremental by lastModifiedDateTime in
 * pages of 1000, mapped with the tenant's mapping. Unchanged items (same payload hash) are not
 * written; the item's pictures (main image, then the others in order) are sent only when they changed
 * (sending them replaces the shop's).
 * Checkpoint ledger: an update is idempotent, and a create happens only when neither the ledger
 * nor the shop (by product code) knows the product.
 */
import type { CsCartProductPayload } from "../../../integrations/cscart/schemas";
import type { VismaInventoryItem } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { env } from "../../../env";
import { signedImageUrl } from "../../../images/signed-image-url";
import { logLine } from "../../../logs/log-line";
import { getActiveMapping } from "../../../mappings/get-active-mapping";
import { passStartCursor } from "../../engine/cursor";
import { defineSyncModule, recordWords, UNCHANGED, type PlannedWrite } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { unlessNotFound } from "../../engine/unless-not-found";
import { mapInventoryItemToProduct } from "../../transform";
import type { CsCartClient } from "../../../integrations/cscart/client";
import { collectAll } from "../../../integrations/paging";
import { AppError, quoteError, toAppError } from "../../../errors";
import type { RunLogger } from "../../../logs/write-log";
import { waitsForMapping, waitsForShopCategory } from "../../engine/waiting-for-keys";
import { taxesAndCategoriesMapped } from "./prerequisites";
import { productKey, shopIdOrThrow, shopProductIds, type ShopIdResult } from "../shop-id-lookup";

export const productImport = defineSyncModule({
  id: "PRODUCT_IMPORT",
  slug: "product-import",
  label: "Product import",
  recordName: "product",
  color: "#0d9488",
  queue: "sync-product-import",
  // Off for every new tenant: switched on once its setup holds (prerequisites.ts, switchOnPrerequisites).
  defaultSchedule: { enabled: false, intervalMinutes: 60 },
  cursor: passStartCursor<VismaInventoryItem>({ overlapMs: 5 * 60_000 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady, taxesAndCategoriesMapped],
  vismaScopes: ["vismanet_erp_service_api:read"],
  ledger: { mode: "checkpoint" },
  concurrency: () => env().IMPORT_CONCURRENCY,
  reimport: true,
  steps: {
    async open(ctx, { httpAttempts }) {
      const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: httpAttempts, module: ctx.module });
      const active = await getActiveMapping(ctx.tenantId, "product");
      ctx.log.info(
        active.version === null
          ? logLine("defaultMapping", { mapping: "product" })
          : logLine("mappingVersion", { mapping: "product", version: active.version }),
      );
      const shopCategories = await shopCategoryIds(cscart, ctx);
      return { ctx, cscart, visma, mapping: active.config, shopIds: shopProductIds(cscart), targetIds: new Map<string, ShopIdResult>(), shopCategories };
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
      const previousImages = previous?.meta as { imageKey?: string; additionalImageKeys?: string[] } | null;
      // Stock comes from the warehouses chosen in Settings, for product import and stock sync alike.
      const mapped = mapInventoryItemToProduct(item, run.mapping, {
        warehouses: run.ctx.settings.stockWarehouses,
        previousImageKey: force ? null : (previousImages?.imageKey ?? null),
        previousAdditionalImageKeys: force ? null : (previousImages?.additionalImageKeys ?? null),
        imageUrlFor: (image) => signedImageUrl({ tenantId: run.ctx.tenantId, attachmentId: image.attachmentId, name: image.name }),
      });
      assertCategoryExists(mapped.payload.category_ids[0], run.shopCategories, item.inventoryNumber);
      // An ambiguous or failed lookup throws here: never a create without proof that the product is absent.
      const productId = previous?.targetId ?? shopIdOrThrow(run.targetIds.get(item.inventoryNumber), productKey(item.inventoryNumber));
      if (!force && productId && previous?.state === "DONE" && previous.payloadHash === mapped.payloadHash) return { action: "skip", reason: UNCHANGED };
      const payload: ProductWrite = { productId, product: mapped.payload, imageKey: mapped.imageKey, additionalImageKeys: mapped.additionalImageKeys };
      return productId
        ? { action: "update", target: recordWords("shopProduct", { productId }, `CS-Cart product ${productId}`), payload, payloadHash: mapped.payloadHash }
        : { action: "create", target: recordWords("newShopProduct", {}, "a new CS-Cart product"), payload, payloadHash: mapped.payloadHash };
    },
    // Items waiting for a category: has it appeared in the shop since?
    async changedRemotely(run, keys) {
      const categories = await shopCategoryIds(run.cscart, run.ctx);
      return new Set(keys.filter((key) => key.startsWith("cscart-category:") && categories?.has(key.slice("cscart-category:".length))));
    },
    async write(run, { payload }: PlannedWrite<ProductWrite>, item) {
      const meta = { imageKey: payload.imageKey, additionalImageKeys: payload.additionalImageKeys };
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

/**
 * The shop's category ids, read once per run: CS-Cart stores a product under a category id that does
 * not exist without complaint (the product then shows nowhere), so the import checks it first.
 * Undefined when the categories could not be read: then nothing is checked.
 */
async function shopCategoryIds(cscart: CsCartClient, ctx: { log: Pick<RunLogger, "warn"> }): Promise<Set<string> | undefined> {
  try {
    return new Set((await collectAll(cscart.listCategoryPages({ itemsPerPage: 250 }))).map((category) => category.category_id));
  } catch (caught) {
    ctx.log.warn(logLine("shopCategoriesUnread", { error: quoteError(toAppError(caught)) }));
    return undefined;
  }
}

/** An item mapped to a category the shop lacks fails, and waits for the mapping to change or the category to appear. */
function assertCategoryExists(categoryId: number | undefined, shopCategories: Set<string> | undefined, inventoryNumber: string): void {
  if (categoryId === undefined || !shopCategories || shopCategories.has(String(categoryId))) return;
  throw new AppError(
    "MAPPING_INVALID",
    `Visma.net item ${inventoryNumber} maps to CS-Cart category ${categoryId}, which the shop does not have. Map it to an existing category under Mappings (the pick-list shows the shop's categories), or create the category in CS-Cart.`,
    {
      details: { inventoryNumber, field: "category", waitsFor: [waitsForMapping("PRODUCT_IMPORT"), waitsForShopCategory(categoryId)] },
      params: { variant: "unknownCategory", field: "category", inventoryNumber, categoryId },
    },
  );
}

type ProductWrite = { productId: string | undefined; product: CsCartProductPayload; imageKey: string | null; additionalImageKeys: string[] };
