"use client";

import { useTranslations } from "next-intl";
import type { previewProductMapping } from "@/lib/mappings/preview-product-mapping";
import { Pairs, PreviewCard, PreviewProblem } from "./preview-card";

type Preview = Awaited<ReturnType<typeof previewProductMapping>>;

/** Maps one real Visma.net item with the draft and shows the CS-Cart product it becomes. */
export function MappingPreview({ tenantSlug, canEdit, buildMapping }: { tenantSlug: string; canEdit: boolean; buildMapping: () => unknown | null }) {
  const t = useTranslations("mappings.preview");
  return (
    <PreviewCard<Preview>
      tenantSlug={tenantSlug}
      canEdit={canEdit}
      kind="product"
      namespace="mappings.preview"
      inputKey="inventoryNumber"
      buildMapping={buildMapping}
    >
      {(data) => (
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("item")}</h3>
            <Pairs values={data.item} testId="preview-item" />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("product")}</h3>
            {data.product ? <Pairs values={data.product} testId="preview-product" /> : <PreviewProblem problem={data.problem} />}
          </div>
        </div>
      )}
    </PreviewCard>
  );
}
