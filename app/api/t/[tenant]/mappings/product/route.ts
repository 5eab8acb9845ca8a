import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { getActiveMapping } from "@/lib/mappings/get-active-mapping";
import { listMappingVersions } from "@/lib/mappings/list-mapping-versions";
import { saveMappingVersion } from "@/lib/mappings/save-mapping-version";
import { DEFAULT_PRODUCT_MAPPING, ProductMappingSchema, VISMA_SOURCE_FIELDS } from "@/lib/sync/transform";

/** GET: the mapping in force, the defaults, the Visma.net fields it can read and the saved versions. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx) => {
  const [active, versions] = await Promise.all([getActiveMapping(ctx.tenant.id, "product"), listMappingVersions(ctx.tenant.id, "product")]);
  return { ...active, defaults: DEFAULT_PRODUCT_MAPPING, sourceFields: VISMA_SOURCE_FIELDS, versions };
});

/** POST: save the edited mapping as a new version. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  saveMappingVersion(ctx, "product", await readJsonBody(request, ProductMappingSchema, "product mapping", "MAPPING_INVALID")),
);
