"use client";

/**
 * What a dry run found (lib/sync/engine/write-recorder.ts): what a run would do, the first planned
 * writes of each kind with the payload that would be sent, and every failure in plain words.
 */
import { useTranslations } from "next-intl";
import { useErrorText, useVariantText } from "@/components/i18n";
import type { Jsonify } from "@/components/tenant-query";
import { Card } from "@/components/ui/layout";
import type { DryRunResult } from "@/lib/sync/engine/write-recorder";
import { useWaitingForText } from "./waiting-for-text";

const COUNTS = ["create", "update", "unchanged", "skipped", "failed"] as const;

export function DryRunResultView({ result }: { result: Jsonify<DryRunResult> }) {
  const t = useTranslations("dryRun.result");
  const errorText = useErrorText();
  const waitingForText = useWaitingForText();
  // Targets and reasons stored before they had params show their English words.
  const targetText = useVariantText("dryRun.target");
  const skipText = useVariantText("dryRun.skip");
  const { counts } = result;
  const total = COUNTS.reduce((sum, key) => sum + counts[key], 0);
  return (
    <Card title={t("title")} description={t("description")} testId="dry-run-result">
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-5" data-testid="dry-run-counts">
        {COUNTS.map((key) => (
          <div key={key} data-count={key}>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{t(`counts.${key}`)}</dt>
            <dd className={`mt-0.5 text-lg font-semibold ${key === "failed" && counts.failed ? "text-red-700" : "text-slate-900"}`}>{counts[key]}</dd>
          </div>
        ))}
      </dl>
      {total === 0 && <p className="mt-3 text-sm text-slate-600">{t("nothing")}</p>}
      {(["create", "update"] as const).map((action) => {
        const writes = result.writes.filter((write) => write.action === action);
        if (!writes.length) return null;
        return (
          <section key={action} className="mt-4">
            <h3 className="text-sm font-semibold">{action === "create" ? t("writesCreate") : t("writesUpdate")}</h3>
            <ul className="mt-2 space-y-2">
              {writes.map((write) => (
                <li
                  key={write.externalId}
                  className="rounded-md border border-slate-200 p-2 text-sm"
                  data-testid="dry-run-write"
                  data-external-id={write.externalId}
                >
                  <div>
                    <span className="font-mono text-xs">{write.externalId}</span> → {targetText({ message: write.target, params: write.targetParams })}
                  </div>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("payload")}</summary>
                    <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(write.payload, null, 2)}</pre>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {result.skips.length > 0 && (
        <section className="mt-4">
          <h3 className="text-sm font-semibold">{t("skipsTitle")}</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
            {result.skips.map((skip) => (
              <li key={skip.externalId}>
                <span className="font-mono text-xs">{skip.externalId}</span>: {skipText({ message: skip.reason, params: skip.reasonParams })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.failures.length > 0 && (
        <section className="mt-4">
          <h3 className="text-sm font-semibold">{t("failuresTitle")}</h3>
          <ul className="mt-1 space-y-1 text-sm" data-testid="dry-run-failures">
            {result.failures.map((failure) => (
              <li key={failure.externalId} className="rounded-md bg-red-50 px-2 py-1 text-red-900" data-testid="dry-run-failure">
                <span className="font-mono text-xs">{failure.externalId}</span>:{" "}
                {errorText({ code: failure.code, message: failure.message, params: failure.params })}
                {failure.kind === "transient" && <span className="ml-1 text-xs">{t("transient")}</span>}
                {failure.waitingFor && <div className="text-xs text-red-800">{t("waitsFor", { what: waitingForText(failure.waitingFor) })}</div>}
              </li>
            ))}
          </ul>
          {result.failuresNotListed > 0 && <p className="mt-1 text-xs text-slate-600">{t("notListed", { count: result.failuresNotListed })}</p>}
        </section>
      )}
    </Card>
  );
}
