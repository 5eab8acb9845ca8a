import { guardAccountRoute, readJsonBody } from "@/lib/auth/guard";
import { createTenantForUser, CreateTenantInputSchema } from "@/lib/tenants/create-tenant";

/** POST { slug, name }: the logged-in user creates a shop and becomes its owner ("New shop" in the tenant switcher). */
export const POST = guardAccountRoute(async (userId, request) => createTenantForUser(userId, await readJsonBody(request, CreateTenantInputSchema, "new shop")));
