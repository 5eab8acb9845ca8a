/** Test data builders: every call makes uniquely named tenants and users, so test files never collide. */
import { randomUUID } from "node:crypto";
import { db } from "../lib/db";
import type { RoleName } from "../lib/auth/roles";
import { createTenant } from "../lib/tenants/create-tenant";
import { createUser } from "../lib/tenants/create-user";

export const TEST_PASSWORD = "test-password-123";

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createTestUser(label = "user") {
  const suffix = uniqueSuffix();
  return createUser({ email: `${label}-${suffix}@test.apicenter.local`, name: `${label} ${suffix}`, password: TEST_PASSWORD });
}

/** A tenant with one user per role. */
export async function createTestTenant(label = "shop") {
  const suffix = uniqueSuffix();
  const owner = await createTestUser("owner");
  const tenant = await createTenant({ slug: `${label}-${suffix}`, name: `${label} ${suffix}`, ownerUserId: owner.id });
  const users: Record<RoleName, Awaited<ReturnType<typeof createTestUser>>> = {
    OWNER: owner,
    ADMIN: await createTestUser("admin"),
    VIEWER: await createTestUser("viewer"),
  };
  await db.membership.createMany({
    data: [
      { tenantId: tenant.id, userId: users.ADMIN.id, role: "ADMIN" },
      { tenantId: tenant.id, userId: users.VIEWER.id, role: "VIEWER" },
    ],
  });
  return { tenant, users };
}
