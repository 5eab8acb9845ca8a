import { AuthCard } from "@/components/auth/auth-card";
import { ACCOUNT_TEXT } from "@/components/account/account-text";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";

export const metadata = { title: "Forgot your password? · APIcenter" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title={ACCOUNT_TEXT.forgot.title} description={ACCOUNT_TEXT.forgot.description}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
