/**
 * Live preview: maps one real inventory item from the tenant's Visma.net with the mapping being
 * edited (not yet saved), so the operator sees the CS-Cart product before saving. Mapping errors
 * come back as field errors; an item that cannot be mapped says why (code, English text, params).
 */
import { INTERACTIVE_LIMITS, loadVismaClient } from "../connections/load-connectors";
import { db } from "../db";
import { settingsFromRow } from "../settings/defaults";
import { AppError } from "../errors";
import { mapInventoryItemToProduct } from "../sync/transform";
import type { PreviewInput } from "./preview-product-mapping.schema";
import { previewProblemOf } from "./preview-problem";

export async function previewProductMapping(tenantId: string, { mapping, inventoryNumber }: PreviewInput) {
  const settings = settingsFromRow(await db.settings.findUniqueOrThrow({ where: { tenantId } }));
  const visma = await loadVismaClient(tenantId, INTERACTIVE_LIMITS);
  const item = inventoryNumber ? await visma.getInventoryItem(inventoryNumber) : await firstItem(visma);
  if (!item) throw new AppError("REMOTE_NOT_FOUND", "Visma.net has no inventory items to preview yet.", { params: { variant: "noItems" } });
  const source = {
    inventoryNumber: item.inventoryNumber,
    description: item.description ?? null,
    type: item.type ?? null,
    status: item.status ?? null,
    vatCode: item.vatCode?.id ?? null,
    defaultPrice: item.defaultPrice ?? null,
    warehouses: (item.warehouseDetails ?? []).map((detail) => ({ warehouse: detail.warehouse, available: detail.available ?? null })),
    attachments: (item.attachments ?? []).length,
  };
  try {
    // As in the import: the warehouses chosen in Settings decide the amount.
    const { payload } = mapInventoryItemToProduct(item, mapping, { warehouses: settings.stockWarehouses });
    return { item: source, product: payload, problem: null };
  } catch (error) {
    return { item: source, product: null, problem: previewProblemOf(error) };
  }
}

async function firstItem(visma: Awaited<ReturnType<typeof loadVismaClient>>) {
  for await (const page of visma.listInventoryPages({ pageSize: 1 })) return page.items[0];
  return undefined;
}
