import { AuthCard } from "@/components/auth/auth-card";
import { NEW_TENANT_TEXT, NewTenantForm } from "@/components/tenants/new-tenant-form";
import { requireUserId } from "@/lib/auth/guard";

export const metadata = { title: "New shop · APIcenter" };
export const dynamic = "force-dynamic";

/** "New shop" from the shop menu: any logged-in user may create one and becomes its owner. */
export default async function NewTenantPage() {
  await requireUserId("/tenants/new");
  return (
    <AuthCard title={NEW_TENANT_TEXT.title} description={NEW_TENANT_TEXT.description}>
      <NewTenantForm />
    </AuthCard>
  );
}
