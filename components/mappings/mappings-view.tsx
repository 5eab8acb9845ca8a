"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTenantQuery, type PageProps } from "@/components/tenant-query";
import { PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import type { ProductMapping } from "@/lib/sync/transform";
import { ExportStatusesCard } from "./export-statuses-card";
import { MappingEditor } from "./mapping-editor";
import { MappingVersions } from "./mapping-versions";

type MappingResponse = {
  version: number | null;
  config: ProductMapping;
  defaults: ProductMapping;
  sourceFields: string[];
  versions: { version: number; createdBy: string | null; createdAt: string }[];
};

export function MappingsView({ tenantSlug, canEdit }: PageProps) {
  const t = useTranslations("mappings");
  const query = useTenantQuery<MappingResponse>(tenantSlug, "mappings/product");
  // A restore replaces the editor's starting point, so the editor starts over from it.
  const [editorGeneration, setEditorGeneration] = useState(0);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <ReadOnlyNotice readOnly={!canEdit} />
      <QueryView query={query}>
        {(data) => (
          <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
            <div className="min-w-0 space-y-4">
              <p className="text-sm text-slate-600" data-testid="mapping-version">
                {data.version === null ? t("defaultInForce") : t("versionInForce", { version: data.version })}
              </p>
              <MappingEditor key={editorGeneration} tenantSlug={tenantSlug} canEdit={canEdit}
                config={data.config} defaults={data.defaults} sourceFields={data.sourceFields} />
            </div>
            <div className="min-w-0 space-y-4">
              <ExportStatusesCard tenantSlug={tenantSlug} canEdit={canEdit} />
              <MappingVersions tenantSlug={tenantSlug} canEdit={canEdit} versions={data.versions} activeVersion={data.version}
                onRestored={() => setEditorGeneration((n) => n + 1)} />
            </div>
          </div>
        )}
      </QueryView>
    </div>
  );
}
