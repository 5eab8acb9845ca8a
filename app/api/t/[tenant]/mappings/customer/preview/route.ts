import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { previewCustomerMapping } from "@/lib/mappings/preview-customer-mapping";
import { PreviewCustomerInputSchema } from "@/lib/mappings/preview-customer-mapping.schema";

/**
 * POST { mapping, customerNumber? }: map one real Visma.net customer with a draft customer mapping.
 * Changes nothing, but calls Visma.net, so it needs the editing role.
 */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  previewCustomerMapping(ctx.tenant.id, await readJsonBody(request, PreviewCustomerInputSchema, "preview request", "MAPPING_INVALID")),
);
