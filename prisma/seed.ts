/**
 * Demo data: one tenant ("demo") whose connections point at the local simulators, an owner and a
 * viewer login. Idempotent: running it again changes nothing that exists.
 */
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/tenants/create-user";

export const DEMO_LOGIN = { email: "owner@demo.apicenter.local", password: "demo-owner-pass" } as const;
export const DEMO_VIEWER_LOGIN = { email: "viewer@demo.apicenter.local", password: "demo-viewer-pass" } as const;

export async function seedDemo(options: { cscartUrl: string; vismaUrl: string }) {
  const owner = await createUser({ email: DEMO_LOGIN.email, name: "Demo Owner", password: DEMO_LOGIN.password });
  const viewer = await createUser({ email: DEMO_VIEWER_LOGIN.email, name: "Demo Viewer", password: DEMO_VIEWER_LOGIN.password });

  let tenant = await db.tenant.findUnique({ where: { slug: "demo" } });
  if (!tenant) {
    tenant = await createTenant({ slug: "demo", name: "Demo Shop", ownerUserId: owner.id });
    await db.membership.create({ data: { tenantId: tenant.id, userId: viewer.id, role: "VIEWER" } });
    await db.settings.update({
      where: { tenantId: tenant.id },
      data: { failureEmailRecipients: ["shop-owner@demo.apicenter.local"] },
    });
  }

  // Point the demo connections at the simulators (their URLs can change between starts).
  await db.connection.upsert({
    where: { tenantId_kind: { tenantId: tenant.id, kind: "CSCART" } },
    create: {
      tenantId: tenant.id,
      kind: "CSCART",
      config: { shopUrl: options.cscartUrl, adminEmail: "admin@example.com" },
      encryptedSecret: encryptSecret("cscart-demo-api-key"),
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
    create: { tenantId: tenant.id, kind: "VISMA", config: vismaConfig, encryptedSecret: encryptSecret("visma-demo-secret") },
    update: { config: vismaConfig },
  });
  return { tenant, owner, viewer };
}
