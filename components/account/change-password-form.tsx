"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
/**
 * Changing the password ends every session of the account, this one too; the form then logs this
 * browser in again with the new password, so only the other sessions are gone.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("account.change");
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useApiMutation({
    mutationFn: async () => {
      const result = await apiFetch<{ changed: boolean }>("/api/account/password", { method: "POST", json: { currentPassword, newPassword } });
      await signIn("credentials", { email, password: newPassword, redirect: false });
      return result;
    },
    successMessage: t("done"),
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
      setConfirm("");
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword === confirm) change.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={t("title")}>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={t("current")}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={change.fieldErrors.currentPassword}
      />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={change.fieldErrors.newPassword}
      />
      <TextField
        label={t("confirm")}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        error={mismatch ? t("mismatch") : undefined}
      />
      <FormMessage error={change.formError} success={change.success} />
      <Button type="submit" className="w-full" disabled={change.isPending}>
        {change.isPending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
