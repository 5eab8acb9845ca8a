"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { useTenantQuery, type Jsonify, type PageProps } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card, PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import type { getConnections } from "@/lib/connections/get-connections";
import { CONNECTION_LABELS } from "@/lib/labels";

type Connection = Jsonify<Awaited<ReturnType<typeof getConnections>>[number]>;

type FieldSpec = { name: string; label: string; type?: string; hint?: string | ((connection: Connection) => string) };

const FIELDS: Record<Connection["kind"], FieldSpec[]> = {
  CSCART: [
    { name: "shopUrl", label: "Shop URL", type: "url", hint: "The shop's address, e.g. https://shop.example.com; the API is under /api/2.0/." },
    { name: "adminEmail", label: "Admin e-mail", type: "email", hint: "The administrator whose API key is used." },
  ],
  VISMA: [
    { name: "clientId", label: "Client id", hint: "From the Visma Developer Portal." },
    { name: "tenantId", label: "Company tenant id", hint: "The Visma Connect tenant id of the company (not the customer tenant)." },
    { name: "tokenUrl", label: "Token URL", type: "url" },
    { name: "erpBaseUrl", label: "ERP API base URL", type: "url" },
    { name: "salesOrderBaseUrl", label: "Sales order API base URL", type: "url" },
    {
      name: "scopes",
      label: "Scopes",
      hint: (connection) =>
        `Space-separated. Empty: what your enabled modules need (${connection.suggestedScopes ?? "vismanet_erp_service_api:read"}). Grant the same scopes to the integration in the Visma Developer Portal.`,
    },
  ],
};

const SECRET_LABEL: Record<Connection["kind"], string> = { CSCART: "API key", VISMA: "Client secret" };

export function ConnectionsView({ tenantSlug, canEdit }: PageProps) {
  const query = useTenantQuery<Connection[]>(tenantSlug, "connections");
  return (
    <div>
      <PageHeader title="Connections" description="Where APIcenter finds your shop and your Visma.net company. Secrets are stored encrypted and never shown again." />
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

function ConnectionForm({ connection, tenantSlug, canEdit }: { connection: Connection; tenantSlug: string; canEdit: boolean }) {
  const kindSlug = connection.kind.toLowerCase();
  const [values, setValues] = useState<Record<string, string>>(connection.config);
  const [secret, setSecret] = useState("");
  const invalidate = [[tenantSlug, "connections"], [tenantSlug, "overview"]];
  const save = useApiMutation({
    mutationFn: () => apiFetch<{ statusReset: boolean }>(tenantApi(tenantSlug, `connections/${kindSlug}`), { method: "PUT", json: { ...values, secret } }),
    invalidate,
    successMessage: (result) => (result.statusReset ? "Saved. Test the connection to check the new settings." : "Saved."),
    onSuccess: () => setSecret(""),
  });
  const test = useApiMutation({
    mutationFn: () => apiFetch<{ status: string; message: string }>(tenantApi(tenantSlug, `connections/${kindSlug}/test`), { method: "POST" }),
    invalidate,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  const title = CONNECTION_LABELS[connection.kind];
  return (
    <Card title={title} actions={<StatusBadge status={connection.status} />} testId={`connection-form-${connection.kind}`}>
      <div className="mb-3 text-sm text-slate-600" data-testid="connection-status">
        {connection.lastCheckedAt ? `Last checked ${formatDateTime(connection.lastCheckedAt)}.` : "Not checked yet."}
        {connection.lastError && <p className="mt-1 text-red-700" data-testid="connection-last-error">{connection.lastError}</p>}
      </div>
      <form onSubmit={onSubmit} noValidate aria-label={`${title} connection`}>
        <fieldset disabled={!canEdit} className="space-y-3">
          {FIELDS[connection.kind].map((field) => (
            <TextField key={field.name} label={field.label} type={field.type ?? "text"} name={field.name} hint={typeof field.hint === "function" ? field.hint(connection) : field.hint}
              value={values[field.name] ?? ""} error={save.fieldErrors[field.name]}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })} />
          ))}
          <TextField label={SECRET_LABEL[connection.kind]} type="password" name="secret" autoComplete="new-password"
            value={secret} onChange={(event) => setSecret(event.target.value)} error={save.fieldErrors.secret}
            placeholder={connection.secretSet ? "•••••••• (set — type to replace)" : "not set"}
            hint={connection.secretSet ? "A secret is stored. Leave blank to keep it." : "Required: none is stored yet."} />
          <p className="text-xs text-slate-600" data-testid="secret-state">{connection.secretSet ? `${SECRET_LABEL[connection.kind]} is set.` : `${SECRET_LABEL[connection.kind]} is not set.`}</p>
          <FormMessage error={save.formError} success={save.success} />
          {test.data && (
            <p role="status" className={`rounded-md px-3 py-2 text-sm ${test.data.status === "OK" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`} data-testid="test-result">
              {test.data.message}
            </p>
          )}
          {test.formError && <FormMessage error={test.formError} />}
          {canEdit && (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : `Save ${title}`}</Button>
              <Button variant="secondary" onClick={() => test.mutate(undefined)} disabled={test.isPending || !connection.secretSet}>
                {test.isPending ? "Testing…" : "Test connection"}
              </Button>
            </div>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
