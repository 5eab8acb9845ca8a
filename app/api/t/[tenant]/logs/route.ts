import { guardRoute, readSearchParams } from "@/lib/auth/guard";
import { deleteTenantLogs } from "@/lib/logs/delete-tenant-logs";
import { listLogs, LogsQuerySchema } from "@/lib/logs/list-logs";

/** GET ?level&module&runId&q&from&to&cursor: one page of log entries and the retention in force. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx, request) => listLogs(ctx.tenant.id, readSearchParams(request, LogsQuerySchema)));

/** DELETE: delete all of this tenant's logs. */
export const DELETE = guardRoute({ role: "ADMIN" }, (ctx) => deleteTenantLogs(ctx));
