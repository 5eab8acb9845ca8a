"use client";

import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/api-client";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";

export function RunNowButton({ tenantSlug, moduleSlug, label }: { tenantSlug: string; moduleSlug: string; label: string }) {
  const mutation = useApiMutation({
    mutationFn: () => apiFetch<{ queued: boolean; reason?: string }>(tenantApi(tenantSlug, `sync/${moduleSlug}`), { method: "POST" }),
    invalidate: [[tenantSlug, "overview"], [tenantSlug, "runs"]],
  });
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <Button onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending} aria-label={`Run ${label} now`}>
        {mutation.isPending ? "Queuing…" : "Run now"}
      </Button>
      {mutation.data && !mutation.data.queued && <span className="text-xs text-slate-600">{mutation.data.reason}</span>}
      {mutation.formError && <span className="text-xs text-red-700">{mutation.formError}</span>}
    </div>
  );
}
