import { describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { DEFAULT_PRODUCT_MAPPING, parseProductMapping } from "../sync/transform";
import { createTestTenant } from "../../testing/fixtures";
import { getActiveMapping } from "./get-active-mapping";
import { restoreMappingVersion } from "./restore-mapping-version";
import { saveMappingVersion } from "./save-mapping-version";

async function adminOf(label: string) {
  const { tenant, users } = await createTestTenant(label);
  return resolveTenantAccess(users.ADMIN.id, tenant.slug, "ADMIN");
}

describe("product mapping versions", () => {
  it("is the default until saved; each save adds a version; restore copies an old one forward", async () => {
    const actor = await adminOf("map-versions");
    expect(await getActiveMapping(actor.tenant.id, "product")).toEqual({ version: null, config: DEFAULT_PRODUCT_MAPPING });

    const upper = {
      ...DEFAULT_PRODUCT_MAPPING,
      fields: { ...DEFAULT_PRODUCT_MAPPING.fields, product: { from: "visma", field: "description", transforms: [{ op: "uppercase" }] } },
    };
    expect((await saveMappingVersion(actor, "product", parseProductMapping(upper))).version).toBe(1);
    const taxed = { ...upper, taxMapping: { "1": [6] } };
    expect((await saveMappingVersion(actor, "product", parseProductMapping(taxed))).version).toBe(2);
    expect((await getActiveMapping(actor.tenant.id, "product")).config.taxMapping).toEqual({ "1": [6] });

    const restored = await restoreMappingVersion(actor, "product", { version: 1 });
    expect(restored.version).toBe(3);
    const active = await getActiveMapping(actor.tenant.id, "product");
    expect(active.version).toBe(3);
    expect(active.config.taxMapping).toEqual({});
    expect(active.config.fields.product).toEqual({ from: "visma", field: "description", transforms: [{ op: "uppercase" }] });

    const audit = await db.auditEvent.findMany({ where: { tenantId: actor.tenant.id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["mapping.save", "mapping.save", "mapping.restore"]);
    expect(audit[0]!.userEmail).toBe(actor.user.email);
    expect(Object.keys((audit[0]!.detail as { changes: object }).changes)).toEqual(["fields.product"]);
    expect(Object.keys((audit[1]!.detail as { changes: object }).changes)).toEqual(["taxMapping"]);
  });

  it("refuses an invalid mapping with field errors, and saves nothing", async () => {
    const actor = await adminOf("map-invalid");
    const broken = { ...DEFAULT_PRODUCT_MAPPING, defaultCategoryId: 0, fields: { ...DEFAULT_PRODUCT_MAPPING.fields, price: { from: "visma", field: "nope" } } };
    // As the route does it: the body is parsed with the mapping schema before anything is saved.
    const error = await Promise.resolve()
      .then(async () => saveMappingVersion(actor, "product", parseProductMapping(broken)))
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: "MAPPING_INVALID" });
    expect(Object.keys(error.details.fields)).toEqual(expect.arrayContaining(["defaultCategoryId", "fields.price.field"]));
    expect(await db.mapping.count({ where: { tenantId: actor.tenant.id } })).toBe(0);
  });

  it("never restores another tenant's version", async () => {
    const a = await adminOf("map-a");
    const b = await adminOf("map-b");
    await saveMappingVersion(b, "product", DEFAULT_PRODUCT_MAPPING);
    await expect(restoreMappingVersion(a, "product", { version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("numbers concurrent saves without gaps or clashes", async () => {
    const actor = await adminOf("map-race");
    const results = await Promise.all(Array.from({ length: 5 }, () => saveMappingVersion(actor, "product", DEFAULT_PRODUCT_MAPPING)));
    expect(results.map((result) => result.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
