"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
export function ForgotPasswordForm() {
  const t = useTranslations("account.forgot");
  const [email, setEmail] = useState("");
  const request = useApiMutation({
    mutationFn: () => apiFetch<{ message: string }>("/api/account/forgot-password", { method: "POST", json: { email } }),
    // The same answer whether or not the address has a login, in the reader's language.
    successMessage: t("sent"),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={t("title")}>
      <TextField
        label={t("email")}
        type="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={request.fieldErrors.email}
      />
      <FormMessage error={request.formError} success={request.success} />
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? t("sending") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-700 hover:underline">
          {t("backToLogin")}
        </Link>
      </p>
    </form>
  );
}
