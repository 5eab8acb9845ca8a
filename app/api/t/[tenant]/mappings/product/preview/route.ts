import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { previewProductMapping } from "@/lib/mappings/preview-product-mapping";
import { PreviewInputSchema } from "@/lib/mappings/preview-product-mapping.schema";

/**
 * POST { mapping, inventoryNumber? }: map one real Visma.net item with a draft mapping. Changes
 * nothing, but calls Visma.net, so it needs the editing role.
 */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  previewProductMapping(ctx.tenant.id, await readJsonBody(request, PreviewInputSchema, "preview request", "MAPPING_INVALID")),
);
