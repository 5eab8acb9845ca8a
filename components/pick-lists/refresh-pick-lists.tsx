"use client";

/** "Refresh" for one remote's pick-lists, with when they were read and why a list could not be. */
import { useTranslations } from "next-intl";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { Button } from "@/components/ui/button";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { PICK_LIST_SOURCES, type PickListSource, type PickLists } from "@/lib/pick-lists/pick-list-kinds";

export function RefreshPickLists({ tenantSlug, source, lists, canEdit }: { tenantSlug: string; source: PickListSource; lists: PickLists; canEdit: boolean }) {
  const t = useTranslations("pickLists");
  const format = useFormat();
  const refresh = useApiMutation({
    mutationFn: () => apiFetch<PickLists>(tenantApi(tenantSlug, `pick-lists/${source}`), { method: "POST" }),
    invalidate: [
      [tenantSlug, "pick-lists"],
      [tenantSlug, "setup"],
    ],
  });
  const read = PICK_LIST_SOURCES[source].map((kind) => lists[kind]).filter((list) => list !== undefined);
  const error = read.find((list) => list.error)?.error;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid={`pick-lists-${source}`}>
      {canEdit && (
        <Button variant="secondary" size="sm" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
          {refresh.isPending ? t("refreshing") : source === "cscart" ? t("refreshCscart") : t("refreshVisma")}
        </Button>
      )}
      <span data-testid="pick-lists-read" data-read={read.length > 0}>
        {read.length ? t("readAt", { when: format.dateTime(read[0]!.fetchedAt) }) : t("neverRead")}
      </span>
      {/* Stored in English by the server (a remote's error); the refresh's own error below is translated. */}
      {error && <span className="text-red-700">{t("failed", { error })}</span>}
      {refresh.formError && <span className="text-red-700">{refresh.formError}</span>}
    </div>
  );
}
