"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { useFormat } from "@/components/format";
import { useTenantQuery, type Jsonify, type PageProps } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { Role } from "@/generated/prisma/enums";
import type { listMembers } from "@/lib/team/manage-team";

type Member = Jsonify<Awaited<ReturnType<typeof listMembers>>[number]>;

export function TeamView({ tenantSlug, role, currentUserEmail }: PageProps & { currentUserEmail: string }) {
  const t = useTranslations("team");
  const tCommon = useTranslations("common");
  const tRoles = useTranslations("roles");
  const format = useFormat();
  const canManage = role === "OWNER";
  const query = useTenantQuery<Member[]>(tenantSlug, "team");
  const [removing, setRemoving] = useState<Member | null>(null);
  const invalidate = [[tenantSlug, "team"]];
  const changeRole = useApiMutation({
    mutationFn: ({ userId, role }: { userId: string; role: string }) => apiFetch(tenantApi(tenantSlug, `team/${userId}`), { method: "PATCH", json: { role } }),
    invalidate,
    successMessage: t("roleChanged"),
  });
  const remove = useApiMutation({
    mutationFn: (userId: string) => apiFetch(tenantApi(tenantSlug, `team/${userId}`), { method: "DELETE" }),
    invalidate,
    successMessage: t("removed"),
    onSuccess: () => setRemoving(null),
  });
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      {!canManage && (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="read-only-notice">
          {t("ownersOnly")}
        </p>
      )}
      {canManage && <AddMemberForm tenantSlug={tenantSlug} />}
      <FormMessage error={changeRole.formError ?? (removing ? null : remove.formError)} success={changeRole.success ?? remove.success} />
      <QueryView query={query}>
        {(members) => (
          <Table label={t("tableLabel")} testId="team-table">
            <thead>
              <tr>
                <Th>{t("columns.name")}</Th>
                <Th>{t("columns.email")}</Th>
                <Th>{t("columns.role")}</Th>
                <Th>{t("columns.since")}</Th>
                <Th>
                  <span className="sr-only">{tCommon("actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((member) => (
                <tr key={member.userId} data-testid="team-row" data-email={member.email}>
                  <Td>
                    {member.name}
                    {member.email === currentUserEmail && <span className="ml-1 text-xs text-slate-500">{t("you")}</span>}
                  </Td>
                  <Td className="break-all">{member.email}</Td>
                  <Td>
                    {canManage ? (
                      <>
                        <label className="sr-only" htmlFor={`role-${member.userId}`}>
                          {t("roleOf", { email: member.email })}
                        </label>
                        <select
                          id={`role-${member.userId}`}
                          value={member.role}
                          disabled={changeRole.isPending}
                          onChange={(event) => changeRole.mutate({ userId: member.userId, role: event.target.value })}
                          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                        >
                          {Object.values(Role).map((option) => (
                            <option key={option} value={option}>
                              {tRoles(option)}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <span>{tRoles(member.role)}</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{format.dateTime(member.since)}</Td>
                  <Td className="text-right">
                    {canManage && (
                      <Button variant="ghost" size="sm" onClick={() => setRemoving(member)} aria-label={t("removeMember", { email: member.email })}>
                        {tCommon("remove")}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
      <ConfirmDialog
        open={removing !== null}
        title={t("confirmTitle", { email: removing?.email ?? "" })}
        confirmLabel={tCommon("remove")}
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.userId)}
      >
        <p>{t("confirmBody", { email: removing?.email ?? "" })}</p>
        {removing && remove.formError && <FormMessage error={remove.formError} />}
      </ConfirmDialog>
    </div>
  );
}

function AddMemberForm({ tenantSlug }: { tenantSlug: string }) {
  const t = useTranslations("team");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("VIEWER");
  const add = useApiMutation({
    mutationFn: () => apiFetch<{ email: string }>(tenantApi(tenantSlug, "team"), { method: "POST", json: { email, role } }),
    invalidate: [[tenantSlug, "team"]],
    onSuccess: () => setEmail(""),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(undefined);
  };
  return (
    <Card title={t("addTitle")}>
      <form onSubmit={onSubmit} noValidate aria-label={t("addLabel")} className="grid gap-3 sm:grid-cols-[1fr_16rem_auto] sm:items-start">
        <TextField label={t("email")} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={add.fieldErrors.email} />
        <SelectField label={t("role")} value={role} onChange={(event) => setRole(event.target.value)} error={add.fieldErrors.role}>
          {Object.values(Role).map((option) => (
            <option key={option} value={option}>
              {t(`roleWords.${option}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-6" disabled={add.isPending}>
          {add.isPending ? t("adding") : t("add")}
        </Button>
      </form>
      <div className="mt-3">
        <FormMessage error={add.formError} />
        {add.data && (
          <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="member-added">
            {t("added", { email: add.data.email })}
          </p>
        )}
      </div>
    </Card>
  );
}
