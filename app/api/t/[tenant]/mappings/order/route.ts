import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { getActiveMapping } from "@/lib/mappings/get-active-mapping";
import { listMappingVersions } from "@/lib/mappings/list-mapping-versions";
import { saveMappingVersion } from "@/lib/mappings/save-mapping-version";
import { DEFAULT_ORDER_MAPPING, OrderMappingSchema, TEXT_SOURCES } from "@/lib/sync/transform/order-mapping";

/** GET: the order mapping in force, the defaults, the text sources and the saved versions. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx) => {
  const [active, versions] = await Promise.all([getActiveMapping(ctx.tenant.id, "order"), listMappingVersions(ctx.tenant.id, "order")]);
  return { ...active, defaults: DEFAULT_ORDER_MAPPING, textSources: TEXT_SOURCES, versions };
});

/** POST: save the edited order mapping as a new version. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  saveMappingVersion(ctx, "order", await readJsonBody(request, OrderMappingSchema, "order mapping", "MAPPING_INVALID")),
);
