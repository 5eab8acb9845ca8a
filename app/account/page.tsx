import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ACCOUNT_TEXT } from "@/components/account/account-text";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requireUser } from "@/lib/auth/guard";

export const metadata = { title: "Your account · APIcenter" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <AuthCard title={ACCOUNT_TEXT.change.title} description={<>{user.email}. {ACCOUNT_TEXT.change.description}</>}>
      <ChangePasswordForm email={user.email} />
      <p className="mt-4 text-center text-sm"><Link href="/" className="text-brand-700 hover:underline">{ACCOUNT_TEXT.change.back}</Link></p>
    </AuthCard>
  );
}
