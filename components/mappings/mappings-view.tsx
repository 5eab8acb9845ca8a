"use client";

import type { PageProps } from "@/components/tenant-query";
import type { ProductMapping } from "@/lib/sync/transform";
import { MappingEditor } from "./mapping-editor";
import { MappingPage } from "./mapping-page";

/** Mappings → Products: the versioned product mapping with its preview, and its versions. */
export function MappingsView({ tenantSlug, canEdit }: PageProps) {
  return (
    <MappingPage<ProductMapping, { sourceFields: string[] }>
      tenantSlug={tenantSlug}
      canEdit={canEdit}
      kind="product"
      editor={(data, key) => (
        <MappingEditor key={key} tenantSlug={tenantSlug} canEdit={canEdit} config={data.config} defaults={data.defaults} sourceFields={data.sourceFields} />
      )}
    />
  );
}
