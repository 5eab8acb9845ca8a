"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { ACCOUNT_TEXT } from "./account-text";

const TEXT = ACCOUNT_TEXT.forgot;

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const request = useApiMutation({
    mutationFn: () => apiFetch<{ message: string }>("/api/account/forgot-password", { method: "POST", json: { email } }),
    successMessage: (result) => result.message,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={TEXT.title}>
      <TextField label={TEXT.email} type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} error={request.fieldErrors.email} />
      <FormMessage error={request.formError} success={request.success} />
      <Button type="submit" className="w-full" disabled={request.isPending}>{request.isPending ? TEXT.sending : TEXT.submit}</Button>
      <p className="text-center text-sm"><Link href="/login" className="text-brand-700 hover:underline">{TEXT.backToLogin}</Link></p>
    </form>
  );
}
