"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Suspense, useState, type FormEvent } from "react";
import { useErrorText, useFieldErrorTexts } from "@/components/i18n";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import type { FieldIssue } from "@/lib/validation";

type LoginError = { code?: string; message: string; params?: unknown; fields?: Record<string, string>; fieldIssues?: Record<string, FieldIssue> };

/** next-auth hands the form the error of lib/auth/options.ts as JSON (else its own text). */
function parseLoginError(raw: string): LoginError {
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed.message === "string") {
      return { code: parsed.code, message: parsed.message, params: parsed.params, fields: parsed.details?.fields, fieldIssues: parsed.details?.fieldIssues };
    }
  } catch {
    // Not ours: shown as it is.
  }
  return { message: raw };
}

function LoginFormInner() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const t = useTranslations("login");
  const tErrors = useTranslations("errors");
  const errorText = useErrorText();
  const fieldErrorTexts = useFieldErrorTexts();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  /** The error in the reader's language; field errors name their field ("E-mail: …"). */
  function describe(raw: string | undefined): string {
    // "CredentialsSignin": next-auth's word for a refused login without our error.
    if (!raw || raw === "CredentialsSignin") return tErrors("UNAUTHENTICATED.wrongCredentials");
    const error = parseLoginError(raw);
    if (!error.fields) return errorText(error);
    const texts = fieldErrorTexts(error.fields, error.fieldIssues);
    return Object.entries(texts)
      .map(([path, problem]) => t("fieldError", { field: path === "password" ? t("password") : t("email"), problem }))
      .join(" ");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(describe(result?.error ?? undefined));
      return;
    }
    router.replace(safeRedirectPath(searchParams.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={searchParams.get("email") ?? ""}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      {error && (
        <p data-testid="login-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

export function LoginForm() {
  return (
    <Suspense>
      <LoginFormInner />
    </Suspense>
  );
}
