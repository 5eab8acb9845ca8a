import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { previewOrderMapping } from "@/lib/mappings/preview-order-mapping";
import { PreviewOrderInputSchema } from "@/lib/mappings/preview-order-mapping.schema";

/**
 * POST { mapping, orderId? }: map one real shop order with a draft order mapping. Changes nothing,
 * but calls the shop and Visma.net, so it needs the editing role.
 */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  previewOrderMapping(ctx.tenant.id, await readJsonBody(request, PreviewOrderInputSchema, "preview request", "MAPPING_INVALID")),
);
