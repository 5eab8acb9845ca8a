import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { retryItems } from "@/lib/runs/retry-failed";
import { RetryItemsInputSchema } from "@/lib/runs/retry-items.schema";

/** POST { itemIds }: retry these failed records. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) => retryItems(ctx, await readJsonBody(request, RetryItemsInputSchema, "retry request")));
