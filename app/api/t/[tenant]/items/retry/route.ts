import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { RetryItemsInputSchema, retryItems } from "@/lib/runs/retry-failed";

/** POST { itemIds }: retry these failed records. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  retryItems(ctx, await readJsonBody(request, RetryItemsInputSchema, "retry request")),
);
