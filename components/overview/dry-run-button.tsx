"use client";

/** "Dry run" of one module: queued like a run, writes nothing; its result is on the run's page. */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/api-client";
import { useEnqueueText } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";

export function DryRunButton({ tenantSlug, moduleSlug, label }: { tenantSlug: string; moduleSlug: string; label: string }) {
  const t = useTranslations("dryRun");
  const enqueueText = useEnqueueText();
  const mutation = useApiMutation({
    mutationFn: () => apiFetch<EnqueueResult>(tenantApi(tenantSlug, `sync/${moduleSlug}/dry-run`), { method: "POST" }),
    invalidate: [
      [tenantSlug, "overview"],
      [tenantSlug, "runs"],
      [tenantSlug, "setup"],
    ],
  });
  const result = mutation.data;
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <Button variant="secondary" onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending} aria-label={t("ariaLabel", { module: label })}>
        {mutation.isPending ? t("queuing") : t("button")}
      </Button>
      {result?.queued && (
        <Link href={`/${tenantSlug}/runs/${result.runId}`} className="text-xs text-brand-700 hover:underline" data-testid="dry-run-link">
          {t("follow")}
        </Link>
      )}
      {result && !result.queued && <span className="text-xs text-slate-600">{enqueueText(result)}</span>}
      {mutation.formError && <span className="text-xs text-red-700">{mutation.formError}</span>}
    </div>
  );
}
