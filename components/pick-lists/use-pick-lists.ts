"use client";

/** The tenant's pick-lists (lib/pick-lists), read once per page and shared by every field that offers them. */
import { useTenantQuery } from "@/components/tenant-query";
import type { PickListKind, PickLists, PickOption } from "@/lib/pick-lists/pick-list-kinds";

export function usePickLists(tenantSlug: string) {
  const query = useTenantQuery<PickLists>(tenantSlug, "pick-lists", undefined, { staleTime: 60_000 });
  const lists = query.data ?? {};
  return {
    lists,
    /** The options of one list; empty until it was read. */
    options: (kind: PickListKind): PickOption[] => lists[kind]?.items ?? [],
    loaded: query.isSuccess,
  };
}
