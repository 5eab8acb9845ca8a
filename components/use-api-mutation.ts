"use client";

/**
 * A React Query mutation against a JSON route that keeps the server's field errors (for showing
 * beside each input), a form-level error and a success message, and refreshes the named queries.
 * Errors come out in the reader's language where their code is known (components/i18n.ts).
 */
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError } from "./api-client";
import { useErrorText, useFieldErrorTexts } from "./i18n";

export function useApiMutation<TVariables, TResult>(options: {
  mutationFn: (variables: TVariables) => Promise<TResult>;
  invalidate?: QueryKey[];
  successMessage?: string | ((result: TResult) => string);
  onSuccess?: (result: TResult) => void;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations("common");
  const errorText = useErrorText();
  const fieldErrorTexts = useFieldErrorTexts();
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
  const hasFieldErrors = Boolean(apiError?.fields && Object.keys(apiError.fields).length);
  return {
    ...mutation,
    fieldErrors: apiError?.fields ? fieldErrorTexts(apiError.fields, apiError.fieldIssues) : {},
    // With field errors, each message stands beside its field; the form only says where to look.
    formError: hasFieldErrors ? t("fieldsNeedAttention") : mutation.error ? errorText(mutation.error) : null,
    success,
  };
}

/** The URL of a tenant's JSON route. */
export function tenantApi(tenantSlug: string, path: string): string {
  return `/api/t/${tenantSlug}/${path}`;
}
