"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useSyncExternalStore, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useErrorText } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { NewPasswordFields, useNewPassword } from "./new-password-fields";
/** The token comes in the URL fragment (#token=…), which never reaches a server log. */
function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token") ?? "";
}

function onHashChange(notify: () => void): () => void {
  window.addEventListener("hashchange", notify);
  return () => window.removeEventListener("hashchange", notify);
}

export function SetPasswordForm() {
  const t = useTranslations("account.setPassword");
  const errorText = useErrorText();
  // null while rendered on the server, where there is no fragment.
  const token = useSyncExternalStore(onHashChange, tokenFromFragment, () => null);
  const newPassword = useNewPassword();
  const save = useApiMutation({
    mutationFn: () =>
      apiFetch<{ email: string; tenant?: { slug: string; name: string } }>("/api/account/set-password", {
        method: "POST",
        json: { token, password: newPassword.password },
      }),
    // A sign-up link also created the shop (lib/accounts/sign-up.ts).
    successMessage: (result) => (result.tenant ? t("shopCreated", { name: result.tenant.name }) : t("done")),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.confirmed()) save.mutate(undefined);
  };
  // A used or expired link: the whole advice (ask for a new one); an incomplete one: what is wrong with it.
  const tokenProblem = save.fieldErrors.token && (save.error instanceof ApiError && save.error.params ? errorText(save.error) : save.fieldErrors.token);
  if (token === "")
    return (
      <div className="mt-6">
        <FormMessage error={t("noToken")} />
      </div>
    );
  if (save.data) {
    return (
      <div className="mt-6 space-y-4">
        <FormMessage success={save.success} />
        <Link
          href={`/login?email=${encodeURIComponent(save.data.email)}`}
          className="block rounded-md bg-brand-600 px-3 py-2 text-center font-medium text-white hover:bg-brand-700"
        >
          {t("logIn")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={t("title")}>
      <NewPasswordFields state={newPassword} t={t} error={save.fieldErrors.password} />
      <FormMessage error={tokenProblem ?? save.formError} />
      <Button type="submit" className="w-full" disabled={save.isPending || token === null}>
        {save.isPending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
