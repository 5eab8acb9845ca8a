import { guardRoute } from "@/lib/auth/guard";
import { listOpenAlerts } from "@/lib/alerts/list-open-alerts";
import { alertsMuted } from "@/lib/alerts/mute-alerts";

/** GET: the open alert conditions, and whether this member muted alert e-mails. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx) => ({
  alerts: await listOpenAlerts(ctx.tenant.id),
  muted: await alertsMuted(ctx.tenant.id, ctx.user.id),
}));
