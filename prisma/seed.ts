/**
 * Demo data: one tenant ("demo") whose connections point at the local simulators, an owner and a
 * viewer login. Idempotent: running it again changes nothing that exists.
 *
 * The demo is seeded fully set up, the way a person would set it up (so it runs on its own): its
 * connections are tested against the simulators, the mapping is saved, order export starts at the
 * first order, a dry run of each module is done, and then each module is switched on through the
 * same gate the dashboard uses.
 */
import { resolveTenantAccess } from "@/lib/auth/tenant-access";
import { testConnection } from "@/lib/connections/test-connection";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { switchModule } from "@/lib/settings/switch-module";
import { runSyncModule } from "@/lib/sync/engine/run-sync-module";
import { SYNC_MODULES } from "@/lib/sync/modules";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/tenants/create-user";
import { DEFAULT_PRODUCT_MAPPING, parseProductMapping, type ProductMapping } from "@/lib/sync/transform";
import { parseOrderMapping, type OrderMapping } from "@/lib/sync/transform/order-mapping";

export const DEMO_LOGIN = { email: "owner@demo.apicenter.local", password: "demo-owner-pass" } as const;
export const DEMO_VIEWER_LOGIN = { email: "viewer@demo.apicenter.local", password: "demo-viewer-pass" } as const;

/**
 * The demo shop's mapping: the simulators' VAT codes (Visma "3"/"31"/"33" = 25/15/12 %) to the
 * shop's taxes 6/7/8, and Visma item classes to the shop's categories.
 */
export function demoProductMapping(): ProductMapping {
  return parseProductMapping({
    ...DEFAULT_PRODUCT_MAPPING,
    fields: { ...DEFAULT_PRODUCT_MAPPING.fields, category: { from: "visma", field: "itemClass.id", transforms: [] } },
    // Visma.net VAT code 0 (the company's items without VAT) → no shop tax.
    taxMapping: { "3": [6], "31": [7], "33": [8], "0": [] },
    categoryMapping: { TEXTIL: 1, KITCHEN: 4, FOOD: 5, OUTDOOR: 6, SERVICE: 7 },
    defaultCategoryId: 1,
  });
}

/**
 * The demo shop's shipping methods (CS-Cart simulator ids) → the demo company's Ship vias: Posten and
 * PostNord take the shop's freight cost, pickup orders carry none.
 */
export const DEMO_SHIPPING_METHODS = { "1": "POSTEN", "2": "POSTNORD", "3": "PICKUP" };

/**
 * The demo shop's order mapping: its shipping methods → the demo company's Ship vias; the company's
 * items for payment surcharges, gift certificates and rounding; its tax category for sales without
 * VAT; the rest as the defaults.
 */
export function demoOrderMapping(): OrderMapping {
  return parseOrderMapping({
    shipViaByShippingId: DEMO_SHIPPING_METHODS,
    items: { paymentSurcharge: "GEBYR", giftCertificate: "GAVEKORT", rounding: "AVRUNDING" },
    taxCategoryByRate: { "0": "FRITATT" },
  });
}

/** The mappings a demo (or test) tenant starts with: version 1 of the product and the order mapping. */
export async function createDemoMappings(tenantId: string, createdBy = "seed"): Promise<void> {
  await db.mapping.createMany({
    data: [
      { tenantId, module: "PRODUCT_IMPORT", version: 1, config: demoProductMapping(), createdBy },
      { tenantId, module: "ORDER_EXPORT", version: 1, config: demoOrderMapping(), createdBy },
    ],
  });
}

/**
 * The settings of a tenant set up like the demo, for test and benchmark tenants that say so: order
 * export from the first order (the simulators' orders are all demo data), every module on. (The
 * demo's shipping methods are in its order mapping: createDemoMappings.)
 */
export const DEMO_SETUP_SETTINGS = {
  orderExportStart: { kind: "afterOrder", afterOrderId: 0, chosenAt: "2026-01-01T00:00:00.000Z" },
  schedules: Object.fromEntries(SYNC_MODULES.modules.map((module) => [module.id, { ...module.defaultSchedule, enabled: true }])),
};

/** What a person does to set the demo up, done by the seed: tests, the start point, a dry run each, then every module on. */
async function setUpDemo(tenantSlug: string, ownerId: string): Promise<void> {
  const owner = await resolveTenantAccess(ownerId, tenantSlug, "OWNER");
  for (const kind of ["CSCART", "VISMA"] as const) {
    const result = await testConnection(owner, kind);
    if (result.status !== "OK") throw new AppError("CONNECTION_MISSING", `The demo's ${kind} connection test failed: ${result.message}`);
  }
  await db.settings.update({ where: { tenantId: owner.tenant.id }, data: { orderExportStart: DEMO_SETUP_SETTINGS.orderExportStart } });
  for (const definition of SYNC_MODULES.modules) {
    const dryRun = await runSyncModule({ tenantId: owner.tenant.id, module: definition.id, trigger: "MANUAL", dryRun: true });
    if (dryRun.status === "FAILED") throw new AppError("SETUP_INCOMPLETE", `The demo's dry run of ${definition.label} failed: ${dryRun.error}`);
    await switchModule(owner, definition.id, true);
  }
}

export async function seedDemo(options: { cscartUrl: string; vismaUrl: string }) {
  const owner = await createUser({ email: DEMO_LOGIN.email, name: "Demo Owner", password: DEMO_LOGIN.password });
  const viewer = await createUser({ email: DEMO_VIEWER_LOGIN.email, name: "Demo Viewer", password: DEMO_VIEWER_LOGIN.password });

  let tenant = await db.tenant.findUnique({ where: { slug: "demo" } });
  const isNew = !tenant;
  if (!tenant) {
    tenant = await createTenant({ slug: "demo", name: "Demo Shop", ownerUserId: owner.id });
    await db.membership.create({ data: { tenantId: tenant.id, userId: viewer.id, role: "VIEWER" } });
    // Exported orders get the shop's own "In Visma.net" status (E in the simulator's shop).
    await db.settings.update({ where: { tenantId: tenant.id }, data: { failureEmailRecipients: ["shop-owner@demo.apicenter.local"], statusAfterExport: "E" } });
    await createDemoMappings(tenant.id);
  }

  // Point the demo connections at the simulators (their URLs can change between starts).
  await db.connection.upsert({
    where: { tenantId_kind: { tenantId: tenant.id, kind: "CSCART" } },
    create: {
      tenantId: tenant.id,
      kind: "CSCART",
      config: { shopUrl: options.cscartUrl, adminEmail: "admin@example.com" },
      encryptedSecret: encryptSecret("cscart-demo-api-key", { tenantId: tenant.id, kind: "CSCART" }),
    },
    update: { config: { shopUrl: options.cscartUrl, adminEmail: "admin@example.com" } },
  });
  const vismaConfig = {
    clientId: "apicenter-demo",
    tenantId: "demo-company-1",
    tokenUrl: `${options.vismaUrl}/connect/token`,
    erpBaseUrl: options.vismaUrl,
    salesOrderBaseUrl: options.vismaUrl,
  };
  await db.connection.upsert({
    where: { tenantId_kind: { tenantId: tenant.id, kind: "VISMA" } },
    create: {
      tenantId: tenant.id,
      kind: "VISMA",
      config: vismaConfig,
      encryptedSecret: encryptSecret("visma-demo-secret", { tenantId: tenant.id, kind: "VISMA" }),
    },
    update: { config: vismaConfig },
  });
  if (isNew) await setUpDemo(tenant.slug, owner.id);
  return { tenant, owner, viewer };
}
