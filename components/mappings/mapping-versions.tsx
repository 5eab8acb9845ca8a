"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { NONE, useFormat } from "@/components/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";

type Version = { version: number; createdBy: string | null; createdAt: string };

export function MappingVersions({
  tenantSlug,
  kind,
  canEdit,
  versions,
  activeVersion,
  onRestored,
}: {
  tenantSlug: string;
  /** Which mapping: its routes are mappings/<kind> and mappings/<kind>/restore. */
  kind: "product" | "order" | "customer";
  canEdit: boolean;
  versions: Version[];
  activeVersion: number | null;
  onRestored: () => void;
}) {
  const t = useTranslations("mappings.versions");
  const tCommon = useTranslations("common");
  const format = useFormat();
  const [restoring, setRestoring] = useState<number | null>(null);
  const restore = useApiMutation({
    mutationFn: (version: number) => apiFetch<{ version: number }>(tenantApi(tenantSlug, `mappings/${kind}/restore`), { method: "POST", json: { version } }),
    invalidate: [[tenantSlug, `mappings/${kind}`]],
    successMessage: (result) => t("restored", { version: result.version }),
    onSuccess: () => {
      setRestoring(null);
      onRestored();
    },
  });
  return (
    <Card title={t("title")} description={t("description")} testId="mapping-versions">
      <FormMessage error={restore.formError} success={restore.success} />
      {versions.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
      ) : (
        <Table label={t("tableLabel")}>
          <thead>
            <tr>
              <Th>{t("columns.version")}</Th>
              <Th>{t("columns.savedBy")}</Th>
              <Th>{t("columns.when")}</Th>
              <Th>
                <span className="sr-only">{tCommon("actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((version) => (
              <tr key={version.version}>
                <Td>
                  {t("version", { version: version.version })}
                  {version.version === activeVersion && <span className="ml-2 rounded bg-green-100 px-1.5 text-xs text-green-800">{t("inForce")}</span>}
                </Td>
                <Td className="break-all">{version.createdBy ?? NONE}</Td>
                <Td className="whitespace-nowrap">{format.dateTime(version.createdAt)}</Td>
                <Td className="text-right">
                  {canEdit && version.version !== activeVersion && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setRestoring(version.version)}
                      aria-label={t("restoreVersion", { version: version.version })}
                    >
                      {tCommon("restore")}
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={restoring !== null}
        title={t("confirmTitle", { version: restoring ?? 0 })}
        confirmLabel={tCommon("restore")}
        confirmVariant="primary"
        busy={restore.isPending}
        onCancel={() => setRestoring(null)}
        onConfirm={() => restoring !== null && restore.mutate(restoring)}
      >
        <p>{t("confirmBody", { version: restoring ?? 0, kind })}</p>
      </ConfirmDialog>
    </Card>
  );
}
