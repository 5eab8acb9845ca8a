"use client";

import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/api-client";
import { useEnqueueText } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";

export function RunNowButton({ tenantSlug, moduleSlug, label }: { tenantSlug: string; moduleSlug: string; label: string }) {
  const t = useTranslations("overview");
  const enqueueText = useEnqueueText();
  const mutation = useApiMutation({
    mutationFn: () => apiFetch<EnqueueResult>(tenantApi(tenantSlug, `sync/${moduleSlug}`), { method: "POST" }),
    invalidate: [
      [tenantSlug, "overview"],
      [tenantSlug, "runs"],
    ],
  });
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <Button onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending} aria-label={t("runNowLabel", { module: label })}>
        {mutation.isPending ? t("queuing") : t("runNow")}
      </Button>
      {mutation.data && !mutation.data.queued && <span className="text-xs text-slate-600">{enqueueText(mutation.data)}</span>}
      {mutation.formError && <span className="text-xs text-red-700">{mutation.formError}</span>}
    </div>
  );
}
