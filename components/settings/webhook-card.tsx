"use client";

/** The alert webhook (ADMIN): its URL and the secret deliveries are signed with (docs/alerts.md, "Verifying a webhook"). */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useTenantQuery } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { WebhookSettings } from "@/lib/alerts/webhook/save-webhook";

export function WebhookCard({ tenantSlug }: { tenantSlug: string }) {
  const t = useTranslations("webhook");
  const query = useTenantQuery<WebhookSettings>(tenantSlug, "alerts/webhook");
  const [url, setUrl] = useState<string | null>(null);
  const shown = url ?? query.data?.url ?? "";
  const save = useApiMutation({
    mutationFn: (rotateSecret: boolean) =>
      apiFetch<WebhookSettings>(tenantApi(tenantSlug, "alerts/webhook"), {
        method: "PUT",
        json: { url: shown.trim() === "" ? null : shown.trim(), rotateSecret },
      }),
    invalidate: [[tenantSlug, "alerts/webhook"]],
    successMessage: (result) => (result.url ? t("saved") : t("off")),
    onSuccess: () => setUrl(null),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(false);
  };
  const secret = query.data?.secret;
  return (
    <Card title={t("title")} description={t("description")} testId="webhook-card">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <TextField
          label={t("url")}
          type="url"
          value={shown}
          onChange={(event) => setUrl(event.target.value)}
          hint={t("urlHint")}
          error={save.fieldErrors.url}
        />
        <div className="text-sm">
          <div className="font-medium text-slate-800">{t("secret")}</div>
          {secret ? (
            <code className="block break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="webhook-secret">
              {secret}
            </code>
          ) : (
            <p className="text-slate-600">{t("noSecret")}</p>
          )}
          {secret && <p className="mt-1 text-xs text-slate-600">{t("secretHint")}</p>}
        </div>
        <FormMessage error={save.formError} success={save.success} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("saving") : t("save")}
          </Button>
          {secret && (
            <Button variant="secondary" onClick={() => save.mutate(true)} disabled={save.isPending}>
              {t("rotate")}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
