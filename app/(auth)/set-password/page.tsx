import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/account/set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("setPasswordTitle") };
}

/** Opened from an invitation or password reset e-mail; the token is in the URL fragment. */
export default function SetPasswordPage() {
  const t = useTranslations("account.setPassword");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <SetPasswordForm />
    </AuthCard>
  );
}
