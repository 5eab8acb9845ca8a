import { guardRoute, readSearchParams } from "@/lib/auth/guard";
import { AuditQuerySchema, listAuditEvents } from "@/lib/audit/list-audit";

/** GET ?area&cursor: who changed what, newest first. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx, request) => listAuditEvents(ctx.tenant.id, readSearchParams(request, AuditQuerySchema)));
