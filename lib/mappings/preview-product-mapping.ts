/**
 * Live preview: maps one real inventory item from the tenant's Visma.net with the mapping being
 * edited (not yet saved), so the operator sees the CS-Cart product before saving. Mapping errors
 * come back as field errors; an item that cannot be mapped says why (code, English text, params).
 */
import { z } from "zod";
import { loadVismaClient } from "../connections/load-connectors";
import { db } from "../db";
import { WarehouseSelectionSchema } from "../settings/defaults";
import { AppError, toAppError } from "../errors";
import { mapInventoryItemToProduct, parseProductMapping } from "../sync/transform";
import { parseOrThrow } from "../validation";

export const PreviewInputSchema = z.object({
  mapping: z.unknown(),
  inventoryNumber: z.string().trim().max(100, "at most 100 characters").optional(),
});

export async function previewProductMapping(tenantId: string, input: unknown) {
  const { mapping: draft, inventoryNumber } = parseOrThrow(PreviewInputSchema, input, "preview request");
  const settings = await db.settings.findUniqueOrThrow({ where: { tenantId }, select: { stockWarehouses: true } });
  // As in the import: the warehouses chosen in Settings decide the amount.
  const mapping = { ...parseProductMapping(draft), warehouse: WarehouseSelectionSchema.parse(settings.stockWarehouses) };
  const visma = await loadVismaClient(tenantId, { timeoutMs: 10_000 });
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
    const { payload } = mapInventoryItemToProduct(item, mapping, {});
    return { item: source, product: payload, problem: null };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") throw appError;
    return { item: source, product: null, problem: { code: appError.code, message: appError.message, params: appError.params ?? null } };
  }
}

async function firstItem(visma: Awaited<ReturnType<typeof loadVismaClient>>) {
  for await (const page of visma.listInventoryPages({ pageSize: 1 })) return page.items[0];
  return undefined;
}
