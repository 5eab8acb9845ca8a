"use client";

/** Public sign-up (only shown when SIGNUP_OPEN=true): an e-mail address and a company name; the rest follows by e-mail. */
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { SignUpInputSchema } from "@/lib/accounts/sign-up.schema";

export const SIGN_UP_TEXT = {
  title: "Sign up for APIcenter",
  description: "Link your CS-Cart shop to Visma.net. We e-mail you a link to confirm your address and choose a password; your shop is created then.",
  email: "Your e-mail",
  companyName: "Company name",
  companyHint: "The shop's name as your team will see it.",
  submit: "Sign up",
  sending: "Sending…",
  haveLogin: "Already have a login? Log in",
};
const TEXT = SIGN_UP_TEXT;

export function SignUpForm() {
  const [email, setEmail] = useState("");
  const [companyName, setCompanyName] = useState("");
  const request = useApiMutation({
    mutationFn: () => apiFetch<{ message: string }>("/api/signup", { method: "POST", json: checkInput(SignUpInputSchema, { email, companyName }) }),
    successMessage: (result) => result.message,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={TEXT.title}>
      <TextField label={TEXT.email} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} error={request.fieldErrors.email} />
      <TextField label={TEXT.companyName} hint={TEXT.companyHint} value={companyName} onChange={(event) => setCompanyName(event.target.value)} error={request.fieldErrors.companyName} />
      <FormMessage error={request.formError} success={request.success} />
      <Button type="submit" className="w-full" disabled={request.isPending || Boolean(request.success)}>{request.isPending ? TEXT.sending : TEXT.submit}</Button>
      <p className="text-center text-sm"><Link href="/login" className="text-brand-700 hover:underline">{TEXT.haveLogin}</Link></p>
    </form>
  );
}
