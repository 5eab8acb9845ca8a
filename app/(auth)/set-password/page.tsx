import { AuthCard } from "@/components/auth/auth-card";
import { ACCOUNT_TEXT } from "@/components/account/account-text";
import { SetPasswordForm } from "@/components/account/set-password-form";

export const metadata = { title: "Choose your password · APIcenter" };

/** Opened from an invitation or password reset e-mail; the token is in the URL fragment. */
export default function SetPasswordPage() {
  return (
    <AuthCard title={ACCOUNT_TEXT.setPassword.title} description={ACCOUNT_TEXT.setPassword.description}>
      <SetPasswordForm />
    </AuthCard>
  );
}
