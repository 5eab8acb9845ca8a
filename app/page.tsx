import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUserId } from "@/lib/auth/guard";
import { listUserTenants } from "@/lib/auth/tenant-access";

export const dynamic = "force-dynamic";

/** Home: go to the user's first tenant. */
export default async function HomePage() {
  const userId = await requireUserId();
  const tenants = await listUserTenants(userId);
  if (tenants[0]) redirect(`/${tenants[0].slug}`);
  const t = await getTranslations("home");
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-xl font-semibold">{t("noShopTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("noShopBody")}</p>
      <Link href="/tenants/new" className="mt-4 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        {t("newShop")}
      </Link>
    </main>
  );
}
