"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";

export function RunNowButton({ tenantSlug, moduleSlug, label }: { tenantSlug: string; moduleSlug: string; label: string }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => apiFetch<{ queued: boolean; reason?: string }>(`/api/t/${tenantSlug}/sync/${moduleSlug}`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" onClick={() => mutation.mutate()} disabled={mutation.isPending}
        aria-label={`Run ${label} now`}
        className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {mutation.isPending ? "Queuing…" : "Run now"}
      </button>
      {mutation.data && !mutation.data.queued && <span className="text-xs text-slate-600">{mutation.data.reason}</span>}
      {mutation.error && <span className="text-xs text-red-700">{mutation.error.message}</span>}
    </div>
  );
}
