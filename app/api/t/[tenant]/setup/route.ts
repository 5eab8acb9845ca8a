import { guardRoute } from "@/lib/auth/guard";
import { getSetupStatus } from "@/lib/setup/get-setup-status";

/** GET: the setup checklist, each step's state, and each module's dry run and switch-on checks. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => getSetupStatus(ctx.tenant.id, ctx.tenant.slug));
