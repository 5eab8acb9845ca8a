"use client";

/**
 * The dashboard's translation helpers beyond next-intl's own useTranslations: texts whose key comes
 * from data (module, status, error code) and errors in the reader's language. See docs/i18n.md.
 */
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { hasMessage, translateError, translateFieldIssue, translateVariant, type TranslatableError, type Translate } from "@/lib/i18n/translate-error";
import { translateRunLog, type StoredLogLine } from "@/lib/i18n/translate-run-log";
import type { EnqueueResult } from "@/lib/sync/engine/enqueue-sync";
import type { FieldIssue } from "@/lib/validation";
import { ApiError } from "./api-client";
import { useModuleCatalog } from "./module-catalog";

/** All messages, looked up by keys built from data; check with hasMessage() before use where the key may be missing. */
export function useAnyTranslations(): Translate {
  return useTranslations() as unknown as Translate;
}

/**
 * "Order export" / "Bestellingen exporteren": a module's label at modules.<slug>.label (its slug
 * from the module catalog), else its definition's English label; an id no longer defined (old
 * runs) shows as it is.
 */
export function useModuleLabel(): (module: string) => string {
  const t = useAnyTranslations();
  const catalog = useModuleCatalog();
  return useCallback(
    (module: string) => {
      const entry = catalog.byId(module);
      if (!entry) return module;
      const key = `modules.${entry.slug}.label`;
      return hasMessage(t, key) ? t(key) : entry.label;
    },
    [t, catalog],
  );
}

/** An error (thrown, or stored as code + message + params) in the reader's language, else its English message. */
export function useErrorText(): (error: unknown) => string {
  const t = useAnyTranslations();
  const locale = useLocale();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && !error.code) return t("common.requestFailed", { status: error.status });
      if (isTranslatable(error)) return translateError(t, locale, error);
      return String(error);
    },
    [t, locale],
  );
}

/** A run log line (stored with its code and params) in the reader's language, else its stored English. */
export function useRunLogText(): (line: StoredLogLine) => string {
  const t = useAnyTranslations();
  const locale = useLocale();
  return useCallback((line: StoredLogLine) => translateRunLog(t, locale, line), [t, locale]);
}

/** A text with an English message and params naming its translation under `namespace` (e.g. "connectionTest"). */
export function useVariantText(namespace: string): (text: { message: string; params?: unknown }) => string {
  const t = useAnyTranslations();
  const locale = useLocale();
  return useCallback((text) => translateVariant(t, locale, namespace, text), [t, locale, namespace]);
}

function isTranslatable(value: unknown): value is TranslatableError {
  return typeof value === "object" && value !== null && typeof (value as TranslatableError).message === "string";
}

/**
 * Field path → message beside the field, in the reader's language where the issue is known: from
 * the server's English text + issues, or from issues found in the browser (which have no English text).
 */
export function useFieldErrorTexts() {
  const t = useAnyTranslations();
  const locale = useLocale();
  return useCallback(
    (fields: Record<string, string>, issues: Record<string, FieldIssue> = {}): Record<string, string> =>
      Object.fromEntries(Object.entries(fields).map(([path, english]) => [path, translateFieldIssue(t, locale, path, issues[path], english)])),
    [t, locale],
  );
}

export function useFieldIssueTexts(): (issues: Record<string, FieldIssue>) => Record<string, string> {
  const fieldErrorTexts = useFieldErrorTexts();
  return useCallback(
    (issues) => fieldErrorTexts(Object.fromEntries(Object.entries(issues).map(([path, issue]) => [path, issue.code])), issues),
    [fieldErrorTexts],
  );
}

/** What became of a request to queue a run: "Queued." or why not, in the reader's language. */
export function useEnqueueText(): (result: EnqueueResult) => string {
  const t = useTranslations("enqueue");
  return useCallback((result: EnqueueResult) => (result.queued ? t("queued") : t(result.code)), [t]);
}
