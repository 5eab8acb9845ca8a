"use client";

/** The user's own language, in the header: saved on their account (every tenant), or "follow the browser". */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { apiFetch } from "@/components/api-client";
import { useApiMutation } from "@/components/use-api-mutation";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

const AUTO = "auto";

export function LanguageMenu({ chosen }: { chosen: Locale | null }) {
  const t = useTranslations("locale");
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const save = useApiMutation({
    mutationFn: (locale: Locale | null) => apiFetch<{ locale: Locale | null }>("/api/account/locale", { method: "PUT", json: { locale } }),
    // The server renders the next page in the new language.
    onSuccess: () => startRefresh(() => router.refresh()),
  });
  const busy = save.isPending || refreshing;
  return (
    <div className="flex items-center gap-2">
      <label className="text-sm">
        <span className="sr-only">{t("label")}</span>
        <select
          value={chosen ?? AUTO}
          disabled={busy}
          data-testid="language-menu"
          onChange={(event) => save.mutate(event.target.value === AUTO ? null : (event.target.value as Locale))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          <option value={AUTO}>{t("auto")}</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {t(locale)}
            </option>
          ))}
        </select>
      </label>
      {busy && (
        <span className="sr-only" role="status">
          {t("saving")}
        </span>
      )}
      {save.formError && (
        <span className="text-xs text-red-700" role="alert">
          {save.formError}
        </span>
      )}
    </div>
  );
}
