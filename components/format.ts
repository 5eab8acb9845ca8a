/**
 * Dates, durations and numbers in the reader's language and the browser's time zone, the same on
 * every page: nl-NL writes 30-11-2026, 14:05 and 1.234,56; English keeps 30 Nov 2026, 14:05.
 * Counts inside sentences use ICU ({count, number}) in the message files instead.
 */
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { FORMAT_LOCALE, formatDateTime, NONE } from "@/lib/i18n/locales";

type DateLike = string | Date | null | undefined;

export { NONE };

export function useFormat() {
  const locale = useLocale();
  const t = useTranslations("format");
  return useMemo(() => {
    const tag = FORMAT_LOCALE[locale];
    const relativeTime = new Intl.RelativeTimeFormat(tag, { style: "short" });
    const dateTime = (value: DateLike) => formatDateTime(value, locale);
    return {
      dateTime,
      /** A calendar day (YYYY-MM-DD) in words, "20 May 2025" / "20 mei 2025", whatever the time zone. */
      longDate: (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(tag, { dateStyle: "long", timeZone: "UTC" }),
      /** Chart labels: "Mon 14:00" for an hour, "30 Nov" for a day. */
      hour: (value: Date) => value.toLocaleString(tag, { weekday: "short", hour: "2-digit", minute: "2-digit" }),
      day: (value: Date) => value.toLocaleDateString(tag, { day: "numeric", month: "short" }),
      duration: (ms: number) => {
        if (!Number.isFinite(ms) || ms < 0) return NONE;
        const seconds = Math.round(ms / 1000);
        if (seconds < 60) return t("seconds", { seconds });
        const minutes = Math.floor(seconds / 60);
        if (minutes < 60) return t("minutes", { minutes, seconds: seconds % 60 });
        return t("hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
      },
      /** "in 4 min" / "3 hr ago" for near times; the full date for others. */
      relative: (value: DateLike, now = Date.now()) => {
        if (!value) return NONE;
        const diff = new Date(value).getTime() - now;
        const minutes = Math.round(Math.abs(diff) / 60_000);
        if (minutes >= 24 * 60) return dateTime(value);
        if (minutes < 1) return diff >= 0 ? t("withinMinute") : t("minuteAgo");
        const sign = diff >= 0 ? 1 : -1;
        return minutes < 60 ? relativeTime.format(sign * minutes, "minute") : relativeTime.format(sign * Math.round(minutes / 60), "hour");
      },
    };
  }, [locale, t]);
}

export type Format = ReturnType<typeof useFormat>;
