"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";

type Version = { version: number; createdBy: string | null; createdAt: string };

export function MappingVersions({ tenantSlug, canEdit, versions, activeVersion, onRestored }: {
  tenantSlug: string;
  canEdit: boolean;
  versions: Version[];
  activeVersion: number | null;
  onRestored: () => void;
}) {
  const [restoring, setRestoring] = useState<number | null>(null);
  const restore = useApiMutation({
    mutationFn: (version: number) => apiFetch<{ version: number }>(tenantApi(tenantSlug, "mappings/product/restore"), { method: "POST", json: { version } }),
    invalidate: [[tenantSlug, "mappings/product"]],
    successMessage: (result) => `Restored as version ${result.version}.`,
    onSuccess: () => {
      setRestoring(null);
      onRestored();
    },
  });
  return (
    <Card title="Versions" description="Every save is a new version; restoring copies an old one forward." testId="mapping-versions">
      <FormMessage error={restore.formError} success={restore.success} />
      {versions.length === 0 ? (
        <EmptyState title="No saved versions yet">The default mapping is in force until you save one.</EmptyState>
      ) : (
        <Table label="Mapping versions">
          <thead><tr><Th>Version</Th><Th>Saved by</Th><Th>When</Th><Th><span className="sr-only">Actions</span></Th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((version) => (
              <tr key={version.version}>
                <Td>v{version.version}{version.version === activeVersion && <span className="ml-2 rounded bg-green-100 px-1.5 text-xs text-green-800">in force</span>}</Td>
                <Td className="break-all">{version.createdBy ?? "—"}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(version.createdAt)}</Td>
                <Td className="text-right">
                  {canEdit && version.version !== activeVersion && (
                    <Button variant="ghost" size="sm" onClick={() => setRestoring(version.version)} aria-label={`Restore version ${version.version}`}>Restore</Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog open={restoring !== null} title={`Restore version ${restoring}?`} confirmLabel="Restore" confirmVariant="primary"
        busy={restore.isPending} onCancel={() => setRestoring(null)} onConfirm={() => restoring !== null && restore.mutate(restoring)}>
        <p>Version {restoring} becomes the mapping in force, saved as a new version. The next product import uses it; nothing is lost, you can restore the current one later.</p>
      </ConfirmDialog>
    </Card>
  );
}
