"use client";

/** "Refresh" for one remote's pick-lists, with when they were read and why a list could not be. */
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { PICK_LIST_SOURCES, type PickListSource, type PickLists } from "@/lib/pick-lists/pick-list-kinds";

const TEXT = {
  refresh: { cscart: "Refresh lists from CS-Cart", visma: "Refresh lists from Visma.net" },
  refreshing: "Reading…",
  neverRead: "Not read yet: refresh to offer the remote's own values.",
  readAt: (at: string) => `Read ${at}.`,
  failed: (error: string) => `The last refresh failed: ${error}`,
};

export function RefreshPickLists({ tenantSlug, source, lists, canEdit }: { tenantSlug: string; source: PickListSource; lists: PickLists; canEdit: boolean }) {
  const refresh = useApiMutation({
    mutationFn: () => apiFetch<PickLists>(tenantApi(tenantSlug, `pick-lists/${source}`), { method: "POST" }),
    invalidate: [[tenantSlug, "pick-lists"], [tenantSlug, "setup"]],
  });
  const read = PICK_LIST_SOURCES[source].map((kind) => lists[kind]).filter((list) => list !== undefined);
  const error = read.find((list) => list.error)?.error;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid={`pick-lists-${source}`}>
      {canEdit && (
        <Button variant="secondary" size="sm" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
          {refresh.isPending ? TEXT.refreshing : TEXT.refresh[source]}
        </Button>
      )}
      <span>{read.length ? TEXT.readAt(formatDateTime(read[0]!.fetchedAt)) : TEXT.neverRead}</span>
      {error && <span className="text-red-700">{TEXT.failed(error)}</span>}
      {refresh.formError && <span className="text-red-700">{refresh.formError}</span>}
    </div>
  );
}
