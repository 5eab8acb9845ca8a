import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { SettingsPatchSchema } from "@/lib/settings/defaults";
import { getSettings } from "@/lib/settings/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";

/** GET: the tenant's settings. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => getSettings(ctx.tenant.id));

/** PATCH: change some or all settings. */
export const PATCH = guardRoute({ role: "ADMIN" }, async (ctx, request) => updateSettings(ctx, await readJsonBody(request, SettingsPatchSchema, "settings")));
