import { guardRoute, readSearchParams } from "@/lib/auth/guard";
import { listEmails, OutboxQuerySchema } from "@/lib/outbox/list-emails";

/** GET ?status&cursor: e-mails sent or kept. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx, request) => listEmails(ctx.tenant.id, readSearchParams(request, OutboxQuerySchema)));
