import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Log in · APIcenter" };

export default function LoginPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Log in to APIcenter</h1>
        <p className="mt-1 text-sm text-slate-600">Your CS-Cart ⇄ Visma.net link.</p>
        <LoginForm />
      </div>
    </main>
  );
}
