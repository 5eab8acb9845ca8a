"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { NewPasswordFields, useNewPassword } from "./new-password-fields";
/**
 * Changing the password ends every session of the account, this one too; the form then logs this
 * browser in again with the new password, so only the other sessions are gone.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("account.change");
  const [currentPassword, setCurrentPassword] = useState("");
  const newPassword = useNewPassword();
  const change = useApiMutation({
    mutationFn: async () => {
      const result = await apiFetch<{ changed: boolean }>("/api/account/password", {
        method: "POST",
        json: { currentPassword, newPassword: newPassword.password },
      });
      await signIn("credentials", { email, password: newPassword.password, redirect: false });
      return result;
    },
    successMessage: t("done"),
    onSuccess: () => {
      setCurrentPassword("");
      newPassword.clear();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.confirmed()) change.mutate(undefined);
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
      <NewPasswordFields state={newPassword} t={t} error={change.fieldErrors.newPassword} />
      <FormMessage error={change.formError} success={change.success} />
      <Button type="submit" className="w-full" disabled={change.isPending}>
        {change.isPending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
