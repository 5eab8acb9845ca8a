import type { Metadata } from "next";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("loginTitle") };
}

export const dynamic = "force-dynamic";

export default function LoginPage() {
  const t = useTranslations("login");
  return (
    <AuthCard title={t("title")} description={t("tagline")}>
      <LoginForm />
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="text-brand-700 hover:underline">
          {t("forgot")}
        </Link>
      </p>
      {env().SIGNUP_OPEN && (
        <p className="mt-2 text-center text-sm">
          <Link href="/signup" className="text-brand-700 hover:underline">
            {t("signUp")}
          </Link>
        </p>
      )}
    </AuthCard>
  );
}
