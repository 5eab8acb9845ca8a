"use client";

/** React Query reads of a tenant's JSON routes, keyed by tenant, path and filters. */
import { useQuery, type UseQueryOptions } from "@tanstack/react-query";
import { apiFetch } from "./api-client";
import { tenantApi } from "./use-api-mutation";

/** What a server type looks like after JSON: dates and bigints become strings. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

export type PageProps = { tenantSlug: string; role: "OWNER" | "ADMIN" | "VIEWER"; canEdit: boolean };

export function queryString(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function tenantQueryKey(tenantSlug: string, path: string, params?: Record<string, string | undefined | null>) {
  return params ? [tenantSlug, path, params] : [tenantSlug, path];
}

export function useTenantQuery<T>(
  tenantSlug: string,
  path: string,
  params?: Record<string, string | undefined | null>,
  options?: Omit<UseQueryOptions<T>, "queryKey" | "queryFn">,
) {
  return useQuery<T>({
    queryKey: tenantQueryKey(tenantSlug, path, params),
    queryFn: () => apiFetch<T>(tenantApi(tenantSlug, path) + queryString(params ?? {})),
    ...options,
  });
}
