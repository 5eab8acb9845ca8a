/** An alert e-mail in one language (messages: email.alert.*, alerts.kinds.*): what is wrong, since when, what to do. */
import type { AlertCondition } from "../db";
import { DATE_TIME_OPTIONS, FORMAT_LOCALE, type Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/messages";
import { SYNC_MODULES } from "../sync/modules";
import { alertAdvice, alertError, alertTitle, type AlertWords } from "./alert-text";
import type { AlertNoticeKind } from "./send-alert-notice";

/** Times in e-mails say their zone: the reader's browser is not there to convert them. */
function utcTime(iso: string | Date, locale: Locale): string {
  return `${new Date(iso).toLocaleString(FORMAT_LOCALE[locale], { ...DATE_TIME_OPTIONS[locale], timeZone: "UTC" })} UTC`;
}

function wordsFor(locale: Locale): AlertWords {
  const t = translatorFor(locale);
  return {
    t,
    locale,
    moduleLabel: (id) => (SYNC_MODULES.has(id) ? t(`modules.${SYNC_MODULES.get(id).slug}.label`) : id),
    connectionLabel: (kind) => (kind === "CSCART" || kind === "VISMA" ? t(`connectionKinds.${kind}`) : kind),
    time: (iso) => utcTime(iso, locale),
  };
}

export function alertEmail(
  locale: Locale,
  input: { condition: AlertCondition; notice: AlertNoticeKind; tenantName: string; reminderHours: number; dashboardUrl: string },
) {
  const { condition, notice, tenantName } = input;
  const words = wordsFor(locale);
  const { t } = words;
  const detail = condition.detail as Record<string, unknown>;
  const title = alertTitle(words, condition.kind, detail);
  const since = utcTime(condition.startedAt, locale);
  const subject = t(notice === "started" ? "email.alert.subject" : notice === "reminder" ? "email.alert.subjectReminder" : "email.alert.subjectResolved", {
    tenant: tenantName,
    title,
  });
  const opening =
    notice === "resolved"
      ? t("email.alert.resolved", { tenant: tenantName, since, until: utcTime(condition.resolvedAt ?? new Date(), locale) })
      : t(notice === "started" ? "email.alert.started" : "email.alert.reminder", { tenant: tenantName, since });
  const error = alertError(words, detail);
  const body = [
    t("email.alert.greeting"),
    "",
    opening,
    "",
    title,
    ...(error ? [error] : []),
    "",
    ...(notice === "resolved" ? [] : [t("email.alert.whatToDo", { advice: alertAdvice(words, condition.kind) }), ""]),
    t("email.alert.dashboard", { url: input.dashboardUrl }),
    "",
    t("email.alert.footer", { tenant: tenantName }),
    ...(notice !== "resolved" && input.reminderHours > 0 ? [t("email.alert.footerReminders", { hours: input.reminderHours })] : []),
  ].join("\n");
  return { subject, body };
}
