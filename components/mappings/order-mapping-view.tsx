"use client";

import type { PageProps } from "@/components/tenant-query";
import type { OrderMapping } from "@/lib/sync/transform/order-mapping";
import { ExportStatusesCard } from "./export-statuses-card";
import { MappingPage } from "./mapping-page";
import { OrderMappingEditor } from "./order-mapping-editor";

/** Mappings → Orders: the statuses (settings), the versioned order mapping with its preview, and its versions. */
export function OrderMappingView({ tenantSlug, canEdit }: PageProps) {
  return (
    <MappingPage<OrderMapping>
      tenantSlug={tenantSlug}
      canEdit={canEdit}
      kind="order"
      aside={<ExportStatusesCard tenantSlug={tenantSlug} canEdit={canEdit} />}
      editor={(data, key) => <OrderMappingEditor key={key} tenantSlug={tenantSlug} canEdit={canEdit} config={data.config} defaults={data.defaults} />}
    />
  );
}
