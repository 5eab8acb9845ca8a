import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { NewTenantForm } from "@/components/tenants/new-tenant-form";
import { requireUserId } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${(await getTranslations("newTenant"))("title")} · APIcenter` };
}

/** "New shop" from the shop menu: any logged-in user may create one and becomes its owner. */
export default async function NewTenantPage() {
  await requireUserId("/tenants/new");
  const t = await getTranslations("newTenant");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <NewTenantForm />
    </AuthCard>
  );
}
