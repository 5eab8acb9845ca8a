import { guardRoute } from "@/lib/auth/guard";
import { exportTenant } from "@/lib/privacy/export-tenant";

/** GET: all of the tenant's data as a zip of JSON files (streamed). */
export const GET = guardRoute({ role: "OWNER" }, (ctx) => exportTenant(ctx));
