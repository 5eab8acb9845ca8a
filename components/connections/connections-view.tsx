"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { useAnyTranslations, useErrorText, useVariantText } from "@/components/i18n";
import { useTenantQuery, type Jsonify, type PageProps } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card, PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { getConnections } from "@/lib/connections/get-connections";
import type { testConnection } from "@/lib/connections/test-connection";
import type { Messages } from "@/lib/i18n/messages";

type Connection = Jsonify<Awaited<ReturnType<typeof getConnections>>[number]>;
type TestResult = Jsonify<Awaited<ReturnType<typeof testConnection>>>;

type FieldSpec = { name: keyof Messages["connections"]["fields"]; type?: string; hintKey?: keyof Messages["connections"]["hints"] };

/** Labels are in messages at connections.fields.<name>, hints at connections.hints.<name>. */
const FIELDS: Record<Connection["kind"], FieldSpec[]> = {
  CSCART: [
    { name: "shopUrl", type: "url", hintKey: "shopUrl" },
    { name: "adminEmail", type: "email", hintKey: "adminEmail" },
  ],
  VISMA: [
    { name: "clientId", hintKey: "clientId" },
    { name: "tenantId", hintKey: "tenantId" },
    { name: "tokenUrl", type: "url" },
    { name: "erpBaseUrl", type: "url" },
    { name: "salesOrderBaseUrl", type: "url" },
    { name: "scopes", hintKey: "scopes" },
  ],
};

export function ConnectionsView({ tenantSlug, canEdit }: PageProps) {
  const t = useTranslations("connections");
  const query = useTenantQuery<Connection[]>(tenantSlug, "connections");
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <ReadOnlyNotice readOnly={!canEdit} />
      <QueryView query={query}>
        {(connections) => (
          <div className="grid gap-4 lg:grid-cols-2">
            {connections.map((connection) => (
              <ConnectionForm key={connection.kind} connection={connection} tenantSlug={tenantSlug} canEdit={canEdit} />
            ))}
          </div>
        )}
      </QueryView>
    </div>
  );
}

/**
 * A test result in the reader's language: a success by its variant (connectionTest.*), a failure as
 * an error; for Visma.net, what the debtor defaults check found (connectionTest.debtorDefaults.*).
 */
function useTestResultText(): (result: TestResult) => string {
  const t = useTranslations("connectionTest.debtorDefaults");
  const successText = useVariantText("connectionTest");
  const findingText = useVariantText("debtorCheck");
  const errorText = useErrorText();
  const debtorText = (summary: NonNullable<TestResult["debtorDefaults"]>) => {
    if (summary.state === "ok") return t("ok");
    if (summary.state === "attention") return t("attention", { problems: summary.problems.map(findingText).join(" ") });
    return t("unchecked", { error: errorText(summary.error) });
  };
  return (result) => {
    if (result.status !== "OK") return errorText({ code: result.code, message: result.message, params: result.params });
    // Without params the message is all there is (and already holds the debtor sentence).
    if (!result.params) return result.message;
    return [successText({ message: result.message, params: result.params }), result.debtorDefaults && debtorText(result.debtorDefaults)]
      .filter(Boolean)
      .join(" ");
  };
}

function ConnectionForm({ connection, tenantSlug, canEdit }: { connection: Connection; tenantSlug: string; canEdit: boolean }) {
  const t = useTranslations("connections");
  const tAll = useAnyTranslations();
  const format = useFormat();
  const errorText = useErrorText();
  const testResultText = useTestResultText();
  const kindSlug = connection.kind.toLowerCase();
  const [values, setValues] = useState<Record<string, string>>(connection.config);
  const [secret, setSecret] = useState("");
  const invalidate = [
    [tenantSlug, "connections"],
    [tenantSlug, "overview"],
  ];
  const save = useApiMutation({
    mutationFn: () => apiFetch<{ statusReset: boolean }>(tenantApi(tenantSlug, `connections/${kindSlug}`), { method: "PUT", json: { ...values, secret } }),
    invalidate,
    successMessage: (result) => (result.statusReset ? t("savedRetest") : t("saved")),
    onSuccess: () => setSecret(""),
  });
  const test = useApiMutation({
    mutationFn: () => apiFetch<TestResult>(tenantApi(tenantSlug, `connections/${kindSlug}/test`), { method: "POST" }),
    invalidate,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  const title = tAll(`connectionKinds.${connection.kind}`);
  const secretLabel = t(`secrets.${connection.kind}`);
  return (
    <Card title={title} actions={<StatusBadge status={connection.status} />} testId={`connection-form-${connection.kind}`}>
      <div className="mb-3 text-sm text-slate-600" data-testid="connection-status">
        {connection.lastCheckedAt ? t("lastChecked", { when: format.dateTime(connection.lastCheckedAt) }) : t("notChecked")}
        {connection.lastError && (
          <p className="mt-1 text-red-700" data-testid="connection-last-error">
            {errorText({ code: connection.lastErrorCode, message: connection.lastError, params: connection.lastErrorParams })}
          </p>
        )}
      </div>
      <form onSubmit={onSubmit} noValidate aria-label={t("formLabel", { connection: title })}>
        <fieldset disabled={!canEdit} className="space-y-3">
          {FIELDS[connection.kind].map((field) => (
            <TextField
              key={field.name}
              label={t(`fields.${field.name}`)}
              type={field.type ?? "text"}
              name={field.name}
              hint={field.hintKey && t(`hints.${field.hintKey}`, { suggested: connection.suggestedScopes ?? "vismanet_erp_service_api:read" })}
              value={values[field.name] ?? ""}
              error={save.fieldErrors[field.name]}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
            />
          ))}
          <TextField
            label={secretLabel}
            type="password"
            name="secret"
            autoComplete="new-password"
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
            error={save.fieldErrors.secret}
            placeholder={connection.secretSet ? t("secretPlaceholderSet") : t("secretPlaceholderUnset")}
            hint={connection.secretSet ? t("secretHintSet") : t("secretHintUnset")}
          />
          <p className="text-xs text-slate-600" data-testid="secret-state">
            {connection.secretSet ? t("secretSet", { secret: secretLabel }) : t("secretUnset", { secret: secretLabel })}
          </p>
          <FormMessage error={save.formError} success={save.success} />
          {test.data && (
            <p
              role="status"
              className={`rounded-md px-3 py-2 text-sm ${test.data.status === "OK" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
              data-testid="test-result"
            >
              {testResultText(test.data)}
            </p>
          )}
          {test.formError && <FormMessage error={test.formError} />}
          {canEdit && (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? tAll("common.saving") : t("save", { connection: title })}
              </Button>
              <Button variant="secondary" onClick={() => test.mutate(undefined)} disabled={test.isPending || !connection.secretSet}>
                {test.isPending ? t("testing") : t("test")}
              </Button>
            </div>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
