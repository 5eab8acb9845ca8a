"use client";

/** "New shop": a name and an address (slug, suggested from the name); the creator becomes its owner. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useApiMutation } from "@/components/use-api-mutation";
import { CreateTenantInputSchema, slugFromName } from "@/lib/tenants/create-tenant.schema";

export function NewTenantForm() {
  const t = useTranslations("newTenant");
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useApiMutation({
    mutationFn: () => apiFetch<{ slug: string }>("/api/tenants", { method: "POST", json: checkInput(CreateTenantInputSchema, { name, slug }) }),
    onSuccess: (result) => router.push(`/${result.slug}`),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(undefined);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-label={t("title")}>
      <TextField
        label={t("name")}
        value={name}
        error={create.fieldErrors.name}
        onChange={(event) => {
          setName(event.target.value);
          if (!slugTouched) setSlug(slugFromName(event.target.value));
        }}
      />
      <TextField
        label={t("slug")}
        value={slug}
        hint={t("slugHint", { slug })}
        error={create.fieldErrors.slug}
        onChange={(event) => {
          setSlug(event.target.value);
          setSlugTouched(true);
        }}
      />
      <FormMessage error={create.formError} />
      <Button type="submit" className="w-full" disabled={create.isPending}>
        {create.isPending ? t("creating") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <button type="button" className="text-brand-700 hover:underline" onClick={() => router.back()}>
          {t("back")}
        </button>
      </p>
    </form>
  );
}
