"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { apiFetch, ApiError } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { useFieldErrorTexts } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { MappingKind } from "./mapping-page";

/**
 * The draft of a mapping checked with the route's own schema: in the browser before a preview (errors
 * beside the fields), and by the route when saved as a new version.
 */
export function useSchemaMappingForm<Draft, Mapping>({
  tenantSlug,
  kind,
  schema,
  initial,
  toMapping,
  savedMessage,
}: {
  tenantSlug: string;
  kind: MappingKind;
  schema: z.ZodType;
  initial: () => Draft;
  toMapping: (draft: Draft) => Mapping;
  savedMessage: (version: number) => string;
}) {
  const fieldErrorTexts = useFieldErrorTexts();
  const [draft, setDraft] = useState<Draft>(initial);
  /** Field errors the browser found when building the preview's mapping. */
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: async () =>
      apiFetch<{ version: number }>(tenantApi(tenantSlug, `mappings/${kind}`), { method: "POST", json: checkInput(schema, toMapping(draft)) }),
    invalidate: [[tenantSlug, `mappings/${kind}`]],
    successMessage: (result) => savedMessage(result.version),
  });
  /** For the preview: the draft as a mapping, or null with its field errors shown beside the fields. */
  const buildMapping = (): Mapping | null => {
    try {
      const mapping = checkInput(schema, toMapping(draft));
      setLocalErrors({});
      return mapping;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.fields) throw error;
      setLocalErrors(fieldErrorTexts(error.fields, error.fieldIssues));
      return null;
    }
  };
  return {
    draft,
    set: <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value })),
    errors: { ...localErrors, ...save.fieldErrors },
    hasLocalErrors: Object.keys(localErrors).length > 0,
    save,
    buildMapping,
    onSubmit: (event: FormEvent) => {
      event.preventDefault();
      save.mutate(undefined);
    },
    /** Starts the draft over (from the version in force or the defaults), forgetting its errors. */
    startOver: (next: Draft, options: { forgetSave?: boolean } = {}) => {
      setDraft(next);
      setLocalErrors({});
      if (options.forgetSave) save.reset();
    },
  };
}

/** The bar under every mapping editor: the outcome, then save as a new version, undo, start from the defaults. */
export function MappingFormActions({
  canEdit,
  save,
  hasErrors,
  onUndo,
  onDefaults,
}: {
  canEdit: boolean;
  save: { formError: string | null; success: string | null; isPending: boolean };
  hasErrors: boolean;
  onUndo: () => void;
  onDefaults: () => void;
}) {
  const t = useTranslations("mappings");
  const tCommon = useTranslations("common");
  return (
    <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
      <FormMessage error={save.formError ?? (hasErrors ? tCommon("fieldsNeedAttention") : null)} success={save.success} />
      {canEdit && (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? tCommon("saving") : t("save")}
          </Button>
          <Button variant="secondary" onClick={onUndo}>
            {t("undo")}
          </Button>
          <Button variant="ghost" onClick={onDefaults}>
            {t("defaults")}
          </Button>
        </div>
      )}
    </div>
  );
}
