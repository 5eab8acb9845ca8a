"use client";

/** "Your data" (OWNER): download everything as a zip, or delete the shop after typing its slug (docs/privacy.md). */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";

export function TenantDataCard({ tenantSlug, tenantName }: { tenantSlug: string; tenantName: string }) {
  const t = useTranslations("tenantData");
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const router = useRouter();
  const remove = useApiMutation({
    mutationFn: () => apiFetch<{ deleted: true }>(tenantApi(tenantSlug, "tenant/delete"), { method: "POST", json: { confirm: typed } }),
    // The shop and (maybe) this account are gone: start again from the login.
    onSuccess: () => router.push("/login"),
  });
  return (
    <Card title={t("title")} description={t("description")} testId="tenant-data-card">
      <div className="space-y-3 text-sm">
        <div>
          <a
            className="inline-flex rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700"
            href={tenantApi(tenantSlug, "export")}
            download
            data-testid="download-data"
          >
            {t("download")}
          </a>
          <p className="mt-1 text-xs text-slate-600">{t("downloadHint")}</p>
        </div>
        <Button
          variant="danger"
          onClick={() => {
            remove.reset();
            setTyped("");
            setConfirming(true);
          }}
        >
          {t("delete")}
        </Button>
      </div>
      {/* Mounted only while asked, so the page holds one confirmation dialog at a time. */}
      {confirming && (
        <ConfirmDialog
          open
          title={t("deleteTitle", { tenant: tenantName })}
          confirmLabel={t("confirm")}
          busy={remove.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => remove.mutate(undefined)}
        >
          <p>{t("deleteWarning")}</p>
          <TextField
            label={t("confirmLabel", { slug: tenantSlug })}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            error={remove.fieldErrors.confirm}
          />
          <FormMessage error={remove.formError} success={remove.isSuccess ? t("deleted") : null} />
        </ConfirmDialog>
      )}
    </Card>
  );
}
