"use client";

/**
 * A React Query mutation against a JSON route that keeps the server's field errors (for showing
 * beside each input), a form-level error and a success message, and refreshes the named queries.
 */
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "./api-client";

export function useApiMutation<TVariables, TResult>(options: {
  mutationFn: (variables: TVariables) => Promise<TResult>;
  invalidate?: QueryKey[];
  successMessage?: string | ((result: TResult) => string);
  onSuccess?: (result: TResult) => void;
}) {
  const queryClient = useQueryClient();
  const [success, setSuccess] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: options.mutationFn,
    onMutate: () => setSuccess(null),
    onSuccess: async (result) => {
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const message = typeof options.successMessage === "function" ? options.successMessage(result) : options.successMessage;
      setSuccess(message ?? null);
      options.onSuccess?.(result);
    },
  });
  const apiError = mutation.error instanceof ApiError ? mutation.error : null;
  return {
    ...mutation,
    fieldErrors: apiError?.fields ?? {},
    // With field errors, each message stands beside its field; the form only says where to look.
    formError: apiError?.fields && Object.keys(apiError.fields).length ? "Some fields need attention: see the messages beside them." : (mutation.error?.message ?? null),
    success,
  };
}

/** The URL of a tenant's JSON route. */
export function tenantApi(tenantSlug: string, path: string): string {
  return `/api/t/${tenantSlug}/${path}`;
}
