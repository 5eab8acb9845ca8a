import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { getActiveMapping } from "@/lib/mappings/get-active-mapping";
import { listMappingVersions } from "@/lib/mappings/list-mapping-versions";
import { saveMappingVersion } from "@/lib/mappings/save-mapping-version";
import { ADDRESS_SOURCES, CONTACT_SOURCES, CustomerMappingSchema, DEFAULT_CUSTOMER_MAPPING } from "@/lib/sync/transform/customer-mapping";

/** GET: the customer mapping in force, the defaults, the Visma.net contacts and addresses it can read and the saved versions. */
export const GET = guardRoute({ role: "VIEWER" }, async (ctx) => {
  const [active, versions] = await Promise.all([getActiveMapping(ctx.tenant.id, "customer"), listMappingVersions(ctx.tenant.id, "customer")]);
  return { ...active, defaults: DEFAULT_CUSTOMER_MAPPING, contactSources: CONTACT_SOURCES, addressSources: ADDRESS_SOURCES, versions };
});

/** POST: save the edited customer mapping as a new version. */
export const POST = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  saveMappingVersion(ctx, "customer", await readJsonBody(request, CustomerMappingSchema, "customer mapping", "MAPPING_INVALID")),
);
