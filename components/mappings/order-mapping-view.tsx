"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTenantQuery, type PageProps } from "@/components/tenant-query";
import { PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import type { OrderMapping } from "@/lib/sync/transform/order-mapping";
import { ExportStatusesCard } from "./export-statuses-card";
import { MappingTabs } from "./mapping-tabs";
import { MappingVersions } from "./mapping-versions";
import { OrderMappingEditor } from "./order-mapping-editor";

type OrderMappingResponse = {
  version: number | null;
  config: OrderMapping;
  defaults: OrderMapping;
  versions: { version: number; createdBy: string | null; createdAt: string }[];
};

/** Mappings → Orders: the statuses (settings), the versioned order mapping with its preview, and its versions. */
export function OrderMappingView({ tenantSlug, canEdit }: PageProps) {
  const t = useTranslations("mappings");
  const query = useTenantQuery<OrderMappingResponse>(tenantSlug, "mappings/order");
  // A restore replaces the editor's starting point, so the editor starts over from it.
  const [editorGeneration, setEditorGeneration] = useState(0);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <MappingTabs tenantSlug={tenantSlug} />
      <ReadOnlyNotice readOnly={!canEdit} />
      <QueryView query={query}>
        {(data) => (
          <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
            <div className="min-w-0 space-y-4">
              <p className="text-sm text-slate-600" data-testid="mapping-version">
                {data.version === null ? t("defaultInForce") : t("versionInForce", { version: data.version })}
              </p>
              <OrderMappingEditor key={editorGeneration} tenantSlug={tenantSlug} canEdit={canEdit} config={data.config} defaults={data.defaults} />
            </div>
            <div className="min-w-0 space-y-4">
              <ExportStatusesCard tenantSlug={tenantSlug} canEdit={canEdit} />
              <MappingVersions tenantSlug={tenantSlug} kind="order" canEdit={canEdit} versions={data.versions} activeVersion={data.version}
                onRestored={() => setEditorGeneration((n) => n + 1)} />
            </div>
          </div>
        )}
      </QueryView>
    </div>
  );
}
