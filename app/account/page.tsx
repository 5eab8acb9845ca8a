import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requireUser } from "@/lib/auth/guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("accountTitle") };
}

export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations("account.change");
  return (
    <AuthCard title={t("title")} description={t("description", { email: user.email })}>
      <ChangePasswordForm email={user.email} />
      <p className="mt-4 text-center text-sm">
        <Link href="/" className="text-brand-700 hover:underline">
          {t("back")}
        </Link>
      </p>
    </AuthCard>
  );
}
