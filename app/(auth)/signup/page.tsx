import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: `${(await getTranslations("signUp"))("title")} · APIcenter` };
}

/** Exists only when the operator opened sign-up (SIGNUP_OPEN=true, lib/accounts/sign-up.ts). */
export default async function SignUpPage() {
  if (!env().SIGNUP_OPEN) notFound();
  const t = await getTranslations("signUp");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <SignUpForm />
    </AuthCard>
  );
}
