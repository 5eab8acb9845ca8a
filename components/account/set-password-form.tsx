"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { ACCOUNT_TEXT } from "./account-text";

const TEXT = ACCOUNT_TEXT.setPassword;

/** The token comes in the URL fragment (#token=…), which never reaches a server log. */
function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token") ?? "";
}

export function SetPasswordForm() {
  const [token, setToken] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  useEffect(() => setToken(tokenFromFragment()), []);
  const save = useApiMutation({
    mutationFn: () => apiFetch<{ email: string; tenant?: { slug: string; name: string } }>("/api/account/set-password", { method: "POST", json: { token, password } }),
    // A sign-up link also created the shop (lib/accounts/sign-up.ts).
    successMessage: (result) => (result.tenant ? `${TEXT.done} ${TEXT.shopCreated(result.tenant.name)}` : TEXT.done),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password === confirm) save.mutate(undefined);
  };
  if (token === "") return <div className="mt-6"><FormMessage error={TEXT.noToken} /></div>;
  if (save.data) {
    return (
      <div className="mt-6 space-y-4">
        <FormMessage success={save.success} />
        <Link href={`/login?email=${encodeURIComponent(save.data.email)}`} className="block rounded-md bg-brand-600 px-3 py-2 text-center font-medium text-white hover:bg-brand-700">{TEXT.logIn}</Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={TEXT.title}>
      <TextField label={TEXT.password} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} error={save.fieldErrors.password} />
      <TextField label={TEXT.confirm} type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} error={mismatch ? TEXT.mismatch : undefined} />
      <FormMessage error={save.fieldErrors.token ? save.error?.message : save.formError} />
      <Button type="submit" className="w-full" disabled={save.isPending || token === null}>{save.isPending ? TEXT.saving : TEXT.submit}</Button>
    </form>
  );
}
