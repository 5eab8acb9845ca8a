"use client";

/**
 * The open alert conditions at the top of the overview (docs/alerts.md): what is wrong, since when,
 * and what to do; and, for those who receive alert e-mails, muting them for oneself.
 */
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { useAnyTranslations, useModuleLabel } from "@/components/i18n";
import { useTenantQuery, type Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { alertAdvice, alertError, alertTitle, type AlertWords } from "@/lib/alerts/alert-text";
import type { listOpenAlerts } from "@/lib/alerts/list-open-alerts";
import { DEFAULT_LOCALE, formatDateTime, isLocale } from "@/lib/i18n/locales";

type OpenAlert = Jsonify<Awaited<ReturnType<typeof listOpenAlerts>>[number]>;

function useAlertWords(): AlertWords {
  const t = useAnyTranslations();
  const moduleLabel = useModuleLabel();
  const locale = useLocale();
  return useMemo(() => {
    const reader = isLocale(locale) ? locale : DEFAULT_LOCALE;
    return {
      t,
      locale: reader,
      moduleLabel,
      connectionLabel: (kind: string) => (kind === "CSCART" || kind === "VISMA" ? t(`connectionKinds.${kind}`) : kind),
      time: (iso: string) => formatDateTime(iso, reader),
    };
  }, [t, moduleLabel, locale]);
}

export function OpenAlerts({ tenantSlug, alerts, receivesAlerts }: { tenantSlug: string; alerts: OpenAlert[]; receivesAlerts: boolean }) {
  const t = useTranslations("alerts");
  const words = useAlertWords();
  const format = useFormat();
  if (!alerts.length && !receivesAlerts) return null;
  return (
    <section aria-labelledby="alerts-heading" className="space-y-2" data-testid="open-alerts">
      {alerts.length > 0 && (
        <>
          <h2 id="alerts-heading" className="text-lg font-medium">
            {t("heading")}
          </h2>
          <ul className="space-y-2">
            {alerts.map((alert) => {
              const detail = alert.detail as Record<string, unknown>;
              const error = alertError(words, detail);
              return (
                <li
                  key={alert.id}
                  className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
                  data-testid="open-alert"
                  data-kind={alert.kind}
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium">{alertTitle(words, alert.kind, detail)}</span>
                    <span className="text-xs text-amber-800">{t("since", { when: format.dateTime(alert.startedAt) })}</span>
                  </div>
                  {error && <p className="mt-1 text-amber-900">{error}</p>}
                  <p className="mt-1">{t("whatToDo", { advice: alertAdvice(words, alert.kind) })}</p>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {receivesAlerts && <MuteAlerts tenantSlug={tenantSlug} />}
    </section>
  );
}

/** The member's own switch: alert e-mails of this shop off or on (others are not affected). */
function MuteAlerts({ tenantSlug }: { tenantSlug: string }) {
  const t = useTranslations("alerts");
  const query = useTenantQuery<{ muted: boolean }>(tenantSlug, "alerts");
  const toggle = useApiMutation({
    mutationFn: (muted: boolean) => apiFetch<{ muted: boolean }>(tenantApi(tenantSlug, "alerts/mute"), { method: "PUT", json: { muted } }),
    invalidate: [[tenantSlug, "alerts"]],
  });
  const muted = query.data?.muted;
  if (muted === undefined) return null;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
      {muted && <span data-testid="alerts-muted">{t("mutedNote")}</span>}
      <Button variant="secondary" onClick={() => toggle.mutate(!muted)} disabled={toggle.isPending} data-testid="mute-alerts">
        {muted ? t("unmute") : t("mute")}
      </Button>
      {toggle.formError && <span className="text-red-700">{toggle.formError}</span>}
    </div>
  );
}
