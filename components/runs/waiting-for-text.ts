"use client";

/** What a failed record waits for (lib/sync/engine/waiting-for-keys.ts), in the reader's words. */
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { FORMAT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { splitWaitingKeys } from "@/lib/sync/engine/waiting-for-keys";

export function useWaitingForText(): (stored: string) => string {
  const t = useTranslations("waitingFor");
  const locale = useLocale() as Locale;
  return useCallback(
    (stored: string) =>
      new Intl.ListFormat(FORMAT_LOCALE[locale], { type: "disjunction" }).format(
        splitWaitingKeys(stored).map((key) => {
          const [kind, ...rest] = key.split(":");
          const id = rest.join(":");
          if (kind === "mapping") return t("mapping");
          if (kind === "settings") return t("settings");
          if (kind === "visma-item") return t("vismaItem", { id });
          if (kind === "cscart-category") return t("shopCategory", { id });
          return key;
        }),
      ),
    [t, locale],
  );
}
