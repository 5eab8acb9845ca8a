import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SIGN_UP_TEXT, SignUpForm } from "@/components/auth/sign-up-form";
import { env } from "@/lib/env";

export const metadata = { title: "Sign up · APIcenter" };
export const dynamic = "force-dynamic";

/** Exists only when the operator opened sign-up (SIGNUP_OPEN=true, lib/accounts/sign-up.ts). */
export default function SignUpPage() {
  if (!env().SIGNUP_OPEN) notFound();
  return (
    <AuthCard title={SIGN_UP_TEXT.title} description={SIGN_UP_TEXT.description}>
      <SignUpForm />
    </AuthCard>
  );
}
