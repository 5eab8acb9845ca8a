import Link from "next/link";
import { ACCOUNT_TEXT } from "@/components/account/account-text";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { env } from "@/lib/env";

export const metadata = { title: "Log in · APIcenter" };
export const dynamic = "force-dynamic";

export default function LoginPage() {
  return (
    <AuthCard title="Log in to APIcenter" description="Your CS-Cart ⇄ Visma.net link.">
      <LoginForm />
      <p className="mt-4 text-center text-sm"><Link href="/forgot-password" className="text-brand-700 hover:underline">{ACCOUNT_TEXT.loginLinks.forgot}</Link></p>
      {env().SIGNUP_OPEN && <p className="mt-2 text-center text-sm"><Link href="/signup" className="text-brand-700 hover:underline">{ACCOUNT_TEXT.loginLinks.signUp}</Link></p>}
    </AuthCard>
  );
}
