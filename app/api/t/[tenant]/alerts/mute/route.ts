import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { MuteAlertsSchema } from "@/lib/alerts/mute-alerts.schema";
import { setAlertsMuted } from "@/lib/alerts/mute-alerts";

/** PUT { muted }: this member's own alert e-mails off or on (viewers get none to mute). */
export const PUT = guardRoute({ role: "ADMIN" }, async (ctx, request) => setAlertsMuted(ctx, await readJsonBody(request, MuteAlertsSchema, "alert setting")));
