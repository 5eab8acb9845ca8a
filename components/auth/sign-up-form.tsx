"use client";

/** Public sign-up (only shown when SIGNUP_OPEN=true): an e-mail address and a company name; the rest follows by e-mail. */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { SignUpInputSchema } from "@/lib/accounts/sign-up.schema";

export function SignUpForm() {
  const t = useTranslations("signUp");
  const [email, setEmail] = useState("");
  const [companyName, setCompanyName] = useState("");
  const request = useApiMutation({
    mutationFn: () => apiFetch<{ message: string }>("/api/signup", { method: "POST", json: checkInput(SignUpInputSchema, { email, companyName }) }),
    // The answer is the same whatever happened (lib/accounts/sign-up.ts), so its words are ours.
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
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={request.fieldErrors.email}
      />
      <TextField
        label={t("companyName")}
        hint={t("companyHint")}
        value={companyName}
        onChange={(event) => setCompanyName(event.target.value)}
        error={request.fieldErrors.companyName}
      />
      <FormMessage error={request.formError} success={request.success} />
      <Button type="submit" className="w-full" disabled={request.isPending || Boolean(request.success)}>
        {request.isPending ? t("sending") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-700 hover:underline">
          {t("haveLogin")}
        </Link>
      </p>
    </form>
  );
}
