"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormat } from "@/components/format";
import { type Jsonify, type PageProps } from "@/components/tenant-query";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState, QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/table";
import { usePagedQuery } from "@/components/use-paged-query";
import type { listEmails } from "@/lib/outbox/list-emails";

type OutboxPage = Jsonify<Awaited<ReturnType<typeof listEmails>>>;

export function OutboxView({ tenantSlug }: PageProps) {
  const t = useTranslations("outbox");
  const format = useFormat();
  const [status, setStatus] = useState("");
  const { query, pager } = usePagedQuery<OutboxPage>(tenantSlug, "outbox", { status }, { refetchInterval: () => 30_000 });
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 max-w-xs">
        <SelectField label={t("status")} value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">{t("all")}</option>
          <option value="SENT">{t("sent")}</option>
          <option value="KEPT">{t("kept")}</option>
          <option value="FAILED">{t("failed")}</option>
        </SelectField>
      </div>
      <QueryView query={query}>
        {(data) =>
          data.emails.length === 0 ? (
            <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
          ) : (
            <>
              <ul className="space-y-3" aria-label={t("listLabel")}>
                {data.emails.map((email) => (
                  <li key={email.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="outbox-email">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0">
                        <p className="font-medium">{email.subject}</p>
                        <p className="break-all text-xs text-slate-600">
                          {t("to", { recipients: email.recipients.join(", ") || t("noRecipients"), when: format.dateTime(email.sentAt ?? email.createdAt) })}
                        </p>
                      </div>
                      <StatusBadge status={email.status} />
                    </div>
                    {email.error && <p className="mt-2 text-sm text-red-700">{email.error}</p>}
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-brand-700">{t("showMessage")}</summary>
                      <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-slate-800">{email.body}</pre>
                    </details>
                  </li>
                ))}
              </ul>
              <Pager {...pager} />
            </>
          )
        }
      </QueryView>
    </div>
  );
}
