"use client";

/**
 * A filtered list read one keyset page at a time. Keeps the stack of cursors so "Newer" goes back
 * exactly; changing a filter starts again at page 1.
 */
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { useTenantQuery } from "./tenant-query";

export function usePagedQuery<T extends { nextCursor: string | null }>(
  tenantSlug: string,
  path: string,
  filters: Record<string, string>,
  options: { refetchInterval?: (data: T | undefined) => number | false } = {},
) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [filterKey, setFilterKey] = useState(JSON.stringify(filters));
  if (filterKey !== JSON.stringify(filters)) {
    setFilterKey(JSON.stringify(filters));
    setCursors([]);
  }
  const cursor = cursors[cursors.length - 1];
  const query = useTenantQuery<T>(
    tenantSlug,
    path,
    { ...filters, cursor },
    {
      placeholderData: keepPreviousData,
      refetchInterval: options.refetchInterval ? (current) => options.refetchInterval!(current.state.data) : undefined,
    },
  );
  return {
    query,
    pager: {
      page: cursors.length + 1,
      hasNext: Boolean(query.data?.nextCursor),
      busy: query.isFetching,
      onNext: () => query.data?.nextCursor && setCursors([...cursors, query.data.nextCursor]),
      onPrevious: () => setCursors(cursors.slice(0, -1)),
    },
  };
}
